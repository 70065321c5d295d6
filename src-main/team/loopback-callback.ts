// Sign-in the way native apps do it (RFC 8252): a one-shot HTTP listener on 127.0.0.1 is the
// redirect_uri of WeCom's login page; it receives the code (checking `state`), answers the
// browser with a short Chinese page, and closes. Nothing else is served on it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackCallback {
  redirectUri: string;
  /** Resolves with the code once WeCom redirects back; rejects on timeout or cancel. */
  code: Promise<string>;
  cancel(): void;
}

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;padding:40px;color:#1f2329"><h2>${title}</h2><p>${body}</p></body></html>`;

export async function openLoopbackCallback(state: string, timeoutMs = 5 * 60_000): Promise<LoopbackCallback> {
  let resolveCode!: (c: string) => void;
  let rejectCode!: (e: Error) => void;
  const code = new Promise<string>((res, rej) => {
    resolveCode = res;
    rejectCode = rej;
  });
  code.catch(() => undefined); // callers may cancel without awaiting
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'Cache-Control': 'no-store' };
    if (url.pathname !== '/callback') {
      res.writeHead(404, headers).end(page('未找到', ''));
      return;
    }
    const got = url.searchParams.get('code');
    if (url.searchParams.get('state') !== state || !got) {
      res.writeHead(400, headers).end(page('登录失败', '登录请求已过期或无效，请回到 Tagdesk 重新登录。'));
      return;
    }
    res.writeHead(200, headers).end(page('登录成功', '已登录 Tagdesk，可以关闭此页面。'));
    resolveCode(got);
    finish();
  });
  const timer = setTimeout(() => {
    rejectCode(new Error('sign-in timed out'));
    finish();
  }, timeoutMs);
  timer.unref();
  function finish(): void {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    code,
    cancel() {
      rejectCode(new Error('sign-in cancelled'));
      finish();
    },
  };
}
