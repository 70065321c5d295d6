// Admins see every signed-in device and can revoke one; the device is refused at once and
// its open event stream is closed.
import { sendOk, TeamHttpError } from '../http/respond';
import { requireAdmin, type Route } from '../http/router';

const ADMIN_ONLY = '只有管理员可以管理设备。';

export const deviceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/devices',
    auth: 'device',
    handle(ctx, { res, device, url }) {
      requireAdmin(device, ADMIN_ONLY);
      const userid = url.searchParams.get('userid') ?? undefined;
      sendOk(res, { devices: ctx.devices.list(userid) });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/devices/:id/revoke',
    auth: 'device',
    handle(ctx, { res, device, params }) {
      requireAdmin(device, ADMIN_ONLY);
      const target = ctx.devices.get(params.id!);
      if (!target) throw new TeamHttpError('not_found', `no device ${params.id}`, '找不到该设备。');
      const revoked = ctx.devices.revoke(target.id, device!.userid);
      if (revoked) ctx.events.disconnect(target.id);
      ctx.log.info({ deviceId: target.id, by: device!.userid }, 'device revoked');
      sendOk(res, { revoked, deviceId: target.id });
    },
  },
];
