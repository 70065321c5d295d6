// Sign-in, who-am-I and sign-out. The login code comes from WeCom's login page; the server
// exchanges it through auth/getuserinfo, so no desktop ever sees the company's secret.
import { loginRequestSchema, type Me } from '../../../src-shared/team-api/auth';
import { readJson } from '../http/body';
import { sendOk, TeamHttpError } from '../http/respond';
import type { Route } from '../http/router';
import type { TeamContext } from '../context';
import { UpstreamError, callOk, useridOf } from '../upstream';

export function describeMe(ctx: TeamContext, userid: string, deviceId: string): Me {
  const m = ctx.directory.member(userid);
  if (!m) throw new TeamHttpError('forbidden', `member ${userid} is not in the directory`, '通讯录中没有你的账号，请联系管理员。');
  return { userid, name: m.name, role: m.role, departmentIds: m.departmentIds, departmentName: ctx.directory.departmentName(m.mainDepartment ?? m.departmentIds[0] ?? null), deviceId };
}

export const sessionRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/health',
    auth: 'none',
    handle(ctx, { res }) {
      sendOk(res, { ok: true, corpid: ctx.config.corpid, at: ctx.now().toISOString() });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/login-page',
    auth: 'none',
    handle(ctx, { res, url }) {
      const redirect = url.searchParams.get('redirect_uri');
      let target: URL;
      try {
        target = new URL(redirect ?? '');
        if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('scheme');
      } catch {
        throw new TeamHttpError('bad_request', 'redirect_uri must be an http(s) URL', '登录回调地址无效。');
      }
      const page = new URL(ctx.config.loginPageUrl);
      page.searchParams.set('login_type', 'CorpApp');
      page.searchParams.set('appid', ctx.config.corpid);
      page.searchParams.set('agentid', String(ctx.config.agentid));
      page.searchParams.set('redirect_uri', target.toString());
      page.searchParams.set('state', (url.searchParams.get('state') ?? '').slice(0, 128));
      sendOk(res, { url: page.toString() });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/login',
    auth: 'none',
    async handle(ctx, { req, res }) {
      const body = await readJson(req, loginRequestSchema);
      let userid: string;
      try {
        const info = await callOk(ctx.upstream, 'GET', '/cgi-bin/auth/getuserinfo', { code: body.code });
        userid = useridOf(info);
      } catch (e) {
        if (e instanceof UpstreamError) {
          ctx.log.info({ errcode: e.errcode }, 'login: code refused by WeCom');
          throw new TeamHttpError('unauthenticated', `login code refused by WeCom (${e.errcode})`, '登录码无效或已过期，请重新扫码登录。');
        }
        throw new TeamHttpError('upstream_unavailable', `WeCom unreachable: ${(e as Error).message}`, '暂时无法连接企业微信，请稍后重试。');
      }
      if (!userid) throw new TeamHttpError('forbidden', 'login code belongs to no member', '该账号不是本企业成员，无法登录。');
      const member = ctx.directory.member(userid);
      if (!member?.active) throw new TeamHttpError('forbidden', `member ${userid} is not active in the directory`, '通讯录中没有你的账号或已停用，请联系管理员。');
      const { deviceId, token } = ctx.devices.issue(userid, body.deviceLabel ?? '');
      ctx.log.info({ userid, deviceId }, 'login: device signed in');
      sendOk(res, { deviceToken: token, me: describeMe(ctx, userid, deviceId) });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/me',
    auth: 'device',
    handle(ctx, { res, device }) {
      sendOk(res, describeMe(ctx, device!.userid, device!.deviceId));
    },
  },
  {
    method: 'POST',
    path: '/team/v1/logout',
    auth: 'device',
    handle(ctx, { res, device }) {
      ctx.devices.revoke(device!.deviceId, device!.userid);
      ctx.events.disconnect(device!.deviceId);
      sendOk(res, { signedOut: true });
    },
  },
];
