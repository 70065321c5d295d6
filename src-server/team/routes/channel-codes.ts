// Channel codes over HTTP: admins list, create, edit and delete; the tags follow from WeCom's callback.
import { readJson } from '../http/body';
import { sendOk } from '../http/respond';
import { requireAdmin, type Route } from '../http/router';
import { channelCodeMembers, createChannelCode, createChannelCodeSchema, deleteChannelCode, listChannelCodes, updateChannelCode, updateChannelCodeSchema } from '../channel-codes/channel-codes';

export const channelCodeRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/channel-codes',
    auth: 'device',
    handle(ctx, { res, device }) {
      requireAdmin(device, '只有管理员可以管理渠道码。');
      sendOk(res, { codes: listChannelCodes(ctx), members: channelCodeMembers(ctx) });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/channel-codes',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      requireAdmin(device, '只有管理员可以管理渠道码。');
      const input = await readJson(req, createChannelCodeSchema);
      sendOk(res, await createChannelCode(ctx, input, device!.userid), 201);
    },
  },
  {
    method: 'PUT',
    path: '/team/v1/channel-codes/:id',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      requireAdmin(device, '只有管理员可以管理渠道码。');
      const input = await readJson(req, updateChannelCodeSchema);
      sendOk(res, await updateChannelCode(ctx, params.id!, input, device!.userid));
    },
  },
  {
    method: 'DELETE',
    path: '/team/v1/channel-codes/:id',
    auth: 'device',
    async handle(ctx, { res, params, device }) {
      requireAdmin(device, '只有管理员可以管理渠道码。');
      await deleteChannelCode(ctx, params.id!, device!.userid);
      sendOk(res, { deleted: true });
    },
  },
];
