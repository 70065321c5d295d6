// GET /team/v1/events: the member's live event stream (Server-Sent Events). A reconnecting
// desktop passes its last seq as ?cursor= or Last-Event-ID and gets what it missed first.
import type { Route } from '../http/router';
import { TeamHttpError } from '../http/respond';

export const eventRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/events',
    auth: 'device',
    handle(ctx, { req, res, url, device }) {
      const raw = url.searchParams.get('cursor') ?? (req.headers['last-event-id'] as string | undefined) ?? null;
      const cursor = raw === null || raw === '' ? null : Number(raw);
      if (cursor !== null && (!Number.isInteger(cursor) || cursor < 0)) {
        throw new TeamHttpError('bad_request', `cursor must be a whole number, got "${raw}"`, '事件游标无效。');
      }
      ctx.events.stream(res, { userid: device!.userid, deviceId: device!.deviceId }, cursor, (cb) => req.on('close', cb));
    },
  },
];
