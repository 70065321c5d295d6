// The stand-in for WeCom's web login (official page 98171): instead of a QR code, a page lists the demo
// members; choosing one redirects to redirect_uri with a single-use `code` (5 minutes) and the
// caller's `state`, exactly as WeCom does after a scan. auth/getuserinfo then exchanges the code.
import type { SimRuntime } from './runtime';

export interface PageAnswer { status: number; headers: Record<string, string>; body: string }

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, inner: string, status = 200): PageAnswer {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" },
    body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:640px;margin:2em auto;color:#222}h1{font-size:20px}h2{font-size:15px;color:#666;margin-top:1.4em}a.m{display:inline-block;margin:4px;padding:6px 12px;border:1px solid #07c160;border-radius:4px;color:#07c160;text-decoration:none}a.m:hover{background:#07c160;color:#fff}</style></head><body>${inner}</body></html>`,
  };
}

/** Answers GET /wwlogin/sso/login (and the older /wwopen/sso/qrConnect) and /wwlogin/sso/confirm. */
export function loginPage(rt: SimRuntime, pathname: string, q: URLSearchParams): PageAnswer | undefined {
  const creds = rt.company.credentials;
  if (pathname !== '/wwlogin/sso/login' && pathname !== '/wwopen/sso/qrConnect' && pathname !== '/wwlogin/sso/confirm') return undefined;
  const appid = q.get('appid');
  const agentid = q.get('agentid');
  const redirect = q.get('redirect_uri');
  const state = q.get('state') ?? '';
  if (appid !== creds.corpid || agentid !== String(creds.agentid)) return page('登录失败', '<h1>参数错误</h1><p>appid 或 agentid 与本企业不符。</p>', 400);
  let target: URL;
  try {
    target = new URL(redirect ?? '');
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('scheme');
  } catch {
    return page('登录失败', '<h1>参数错误</h1><p>redirect_uri 无效。</p>', 400);
  }
  if (pathname === '/wwlogin/sso/confirm') {
    const userid = q.get('userid') ?? '';
    if (!rt.state.members.has(userid)) return page('登录失败', '<h1>成员不存在</h1>', 400);
    const code = rt.state.newId('', 43);
    rt.loginCodes.set(code, { userid, expiresAtMs: rt.nowMs() + 300_000 });
    target.searchParams.set('code', code);
    target.searchParams.set('state', state);
    return { status: 302, headers: { location: target.toString(), 'content-type': 'text/plain; charset=utf-8' }, body: '' };
  }
  const link = (userid: string) => {
    const p = new URLSearchParams({ appid: creds.corpid, agentid: String(creds.agentid), redirect_uri: target.toString(), state, userid });
    return `/wwlogin/sso/confirm?${p.toString()}`;
  };
  const sections = rt.company.departments.map((d) => {
    const people = [...rt.state.members.values()].filter((m) => m.department === d.id);
    if (people.length === 0) return '';
    return `<h2>${esc(d.name)}</h2>${people.map((m) => `<a class="m" href="${esc(link(m.userid))}" data-userid="${esc(m.userid)}">${esc(m.name)}<small>（${esc(m.position)}）</small></a>`).join('')}`;
  }).join('');
  return page('企业微信登录（模拟）', `<h1>${esc(creds.corpName)} · 企业微信登录（模拟）</h1><p>选择要登录的成员，相当于用企业微信扫码确认。</p>${sections}`);
}
