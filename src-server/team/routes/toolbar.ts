// The chat-toolbar page (聊天工具栏) the company configures in WeCom. Identity comes from
// WeCom's OAuth code; the page's script (toolbar/assets/toolbar.js) uses the JS-SDK to find
// the current customer and reports it here, and the member's panel follows the chat.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readJson } from '../http/body';
import { sendHtml, sendJson, sendOk, TeamHttpError } from '../http/respond';
import type { Route, RouteRequest } from '../http/router';
import type { TeamContext } from '../context';
import { callOk, UpstreamError, useridOf } from '../upstream';
import { TOOLBAR_COOKIE } from '../toolbar/sessions';

/**
 * The page's static files: beside this module when run from source, or found by walking up to
 * the checkout when the team server is bundled into the app (out/main/…).
 */
function assetsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const direct = path.join(here, '..', 'toolbar', 'assets');
  if (existsSync(path.join(direct, 'toolbar.js'))) return direct;
  for (let dir = here; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'src-server', 'team', 'toolbar', 'assets');
    if (existsSync(path.join(candidate, 'toolbar.js'))) return candidate;
  }
  throw new Error('chat-toolbar assets not found');
}
let assets: string | undefined;
const asset = (name: string): string => readFileSync(path.join((assets ??= assetsDir()), name), 'utf8');

function jssdkSource(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(path.join(path.dirname(require.resolve('@wecom/jssdk/package.json')), 'dist', 'wecom.global.prod.js'), 'utf8');
}

function pageCsp(ctx: TeamContext): string {
  const extra = ctx.config.jssdkScriptUrl ? ` ${new URL(ctx.config.jssdkScriptUrl).origin}` : '';
  return `default-src 'none'; script-src 'self'${extra}; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'`;
}

function page(ctx: TeamContext, body: string): string {
  const sdk = ctx.config.jssdkScriptUrl ?? '/toolbar/jssdk.js';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tagdesk</title><link rel="stylesheet" href="/toolbar/toolbar.css"></head>
<body><div class="wrap"><div class="brand"><span class="mark">T</span>Tagdesk 客户标签</div>${body}</div>
<script src="${sdk}"></script><script type="module" src="/toolbar/toolbar.js"></script></body></html>`;
}

function toolbarUser(ctx: TeamContext, r: RouteRequest): string {
  const userid = ctx.toolbarSessions.userOf(r.req.headers.cookie);
  if (!userid) throw new TeamHttpError('unauthenticated', 'no toolbar session', '登录已过期，请从聊天工具栏重新打开。');
  return userid;
}

/** POSTs must come from the page itself: JSON only (forces a CORS preflight) and our Origin. */
function sameOrigin(r: RouteRequest): void {
  const origin = r.req.headers.origin;
  if (origin !== undefined && origin !== `http://${r.req.headers.host}` && origin !== `https://${r.req.headers.host}`) {
    throw new TeamHttpError('forbidden', `cross-origin toolbar call from ${origin}`, '请求来源无效。');
  }
}

export const toolbarRoutes: Route[] = [
  {
    method: 'GET',
    path: '/toolbar',
    auth: 'none',
    async handle(ctx, r) {
      const code = r.url.searchParams.get('code');
      if (code) {
        try {
          const info = await callOk(ctx.upstream, 'GET', '/cgi-bin/auth/getuserinfo', { code });
          const userid = useridOf(info);
          if (!userid || !ctx.directory.member(userid)?.active) throw new UpstreamError(0, 'not a member');
          const session = ctx.toolbarSessions.open(userid);
          const secure = r.req.headers['x-forwarded-proto'] === 'https' ? '; Secure; SameSite=None' : '; SameSite=Lax';
          r.res.writeHead(302, { Location: '/toolbar', 'Set-Cookie': `${TOOLBAR_COOKIE}=${session}; Path=/toolbar; HttpOnly${secure}; Max-Age=43200`, 'Cache-Control': 'no-store' });
          r.res.end();
        } catch {
          sendHtml(r.res, 403, page(ctx, `<p class="status status-error">无法确认你的身份，请关闭后从聊天工具栏重新打开。</p>`), pageCsp(ctx));
        }
        return;
      }
      if (!ctx.toolbarSessions.userOf(r.req.headers.cookie)) {
        sendHtml(r.res, 401, page(ctx, `<p class="status status-error">请在企业微信中，从客户聊天的工具栏打开 Tagdesk。</p>`), pageCsp(ctx));
        return;
      }
      sendHtml(r.res, 200, page(ctx, `<p id="status" class="status">正在识别当前客户…</p>`), pageCsp(ctx));
    },
  },
  {
    method: 'GET',
    path: '/toolbar/toolbar.js',
    auth: 'none',
    handle(_ctx, { res }) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }).end(asset('toolbar.js'));
    },
  },
  {
    method: 'GET',
    path: '/toolbar/toolbar.css',
    auth: 'none',
    handle(_ctx, { res }) {
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }).end(asset('toolbar.css'));
    },
  },
  {
    method: 'GET',
    path: '/toolbar/jssdk.js',
    auth: 'none',
    handle(_ctx, { res }) {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff' }).end(jssdkSource());
    },
  },
  {
    method: 'GET',
    path: '/toolbar/api/config',
    auth: 'none',
    handle(ctx, r) {
      toolbarUser(ctx, r);
      sendOk(r.res, { corpId: ctx.config.corpid, agentId: ctx.config.agentid });
    },
  },
  {
    method: 'POST',
    path: '/toolbar/api/signature',
    auth: 'none',
    async handle(ctx, r) {
      sameOrigin(r);
      toolbarUser(ctx, r);
      const body = await readJson(r.req, z.object({ kind: z.enum(['corp', 'agent']), url: z.string().url().max(2000) }).strict());
      try {
        sendOk(r.res, await ctx.ticketSigner.sign(body.kind, body.url));
      } catch (e) {
        ctx.log.warn({ err: e }, 'toolbar: ticket unavailable');
        sendJson(r.res, 502, { ok: false, error: { code: 'upstream_unavailable', message: 'ticket unavailable', userMessage: '暂时无法连接企业微信。' } });
      }
    },
  },
  {
    method: 'POST',
    path: '/toolbar/api/current',
    auth: 'none',
    async handle(ctx, r) {
      sameOrigin(r);
      const userid = toolbarUser(ctx, r);
      const body = await readJson(r.req, z.object({ externalUserid: z.string().min(1).max(64), entry: z.string().max(40).optional() }).strict());
      ctx.events.publish({ kind: 'chat.current', externalUserid: body.externalUserid }, [userid]);
      sendOk(r.res, { delivered: true });
    },
  },
];
