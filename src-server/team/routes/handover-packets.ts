// Personal-tag hand-over packets over HTTP: the leaver sends, the supervisor reviews each
// entry, the successor answers each approved entry for the customers taken over.
import { claimPacketSchema, createPacketSchema, reviewPacketSchema } from '../../../src-shared/team-api/handover-packet';
import { readJson } from '../http/body';
import { sendOk } from '../http/respond';
import type { Route } from '../http/router';
import { createPacketService } from '../handover-packets/packet-service';

export const handoverPacketRoutes: Route[] = [
  {
    method: 'POST',
    path: '/team/v1/handover-packets',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readJson(req, createPacketSchema);
      const { packet, created } = await createPacketService(ctx).send(device!.userid, { requestId: body.requestId, entries: body.entries, note: body.note });
      sendOk(res, packet, created ? 201 : 200);
    },
  },
  {
    method: 'GET',
    path: '/team/v1/handover-packets',
    auth: 'device',
    handle(ctx, { res, device }) {
      sendOk(res, { packets: createPacketService(ctx).mine(device!.userid) });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/handover-packets/review',
    auth: 'device',
    handle(ctx, { res, device }) {
      sendOk(res, { packets: createPacketService(ctx).toReview(device!.userid) });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/handover-packets/:id/review',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      const body = await readJson(req, reviewPacketSchema);
      sendOk(res, createPacketService(ctx).review(device!.userid, params.id!, body.decisions));
    },
  },
  {
    method: 'GET',
    path: '/team/v1/handover-packets/inherited',
    auth: 'device',
    async handle(ctx, { res, device }) {
      sendOk(res, { entries: await createPacketService(ctx).inheritedFresh(device!.userid) });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/handover-packets/claims',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readJson(req, claimPacketSchema);
      sendOk(res, { entries: createPacketService(ctx).claim(device!.userid, body.claims) });
    },
  },
];
