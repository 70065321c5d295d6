// Browser mode's transport: serves the built renderer on 127.0.0.1 and implements the same
// typed API as the preload over HTTP. Every API request must carry the per-launch token and
// come from this server's own Origin (and Host, against DNS rebinding); anything else is
// refused before it reaches the dispatcher. Events stream as Server-Sent Events.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fail, type IpcResult } from '../../src-shared/ipc/index';
import type { App } from '../app/services';
import { SECURITY_HEADERS } from './csp';
import { resolveRendererFile } from './static-files';

export const TOKEN_HEADER = 'x-tagdesk-token';
const MAX_BODY_BYTES = 1024 * 1024;

export interface BrowserHost {
  url: string;
  /** The URL with the token in its fragment: what the user opens. */
  launchUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface BrowserHostOptions {
  app: App;
  rendererDir: string;
  port: number;
  token?: string;
}

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
  res.end(text);
}

const refusal = (message: string, userMessage: string): IpcResult<never> => fail({ code: 'forbidden', message, userMessage });

/** Reads the body up to the limit; past it, keeps draining (so the client gets our answer) and reports too-large. */
function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > MAX_BODY_BYTES;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const { app } = opts;
  let origin = '';
  let hostHeader = '';
  const sse = new Set<ServerResponse>();

  const tokenOk = (req: IncomingMessage): boolean => {
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string') return false;
    const b = Buffer.from(given);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };

  /** Returns a refusal for a request that fails the transport's checks, or null. */
  const checkApiRequest = (req: IncomingMessage, requireOrigin: boolean): IpcResult<never> | null => {
    if (req.headers.host !== hostHeader) {
      return refusal(`host header ${String(req.headers.host)} is not ${hostHeader}`, '请求来源无效，已拒绝。');
    }
    const o = req.headers.origin;
    if ((requireOrigin && o === undefined) || (o !== undefined && o !== origin)) {
      return refusal(`origin ${String(o)} is not ${origin}`, '请求来源无效，已拒绝。');
    }
    if (!tokenOk(req)) return refusal('missing or wrong token', '访问令牌无效，请重新打开 Tagdesk 启动时给出的链接。');
    return null;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/api/')) {
      void handleApi(req, res, url).catch((e: unknown) => {
        app.log.error({ err: e }, 'browser host: request failed');
        if (!res.headersSent) sendJson(res, 500, fail({ code: 'internal', message: 'request failed', userMessage: '操作失败，已记录错误。' }));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', ...SECURITY_HEADERS }).end();
      return;
    }
    const found = resolveRendererFile(opts.rendererDir, url.pathname) ?? (url.pathname.includes('.') ? null : resolveRendererFile(opts.rendererDir, '/'));
    if (!found) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': found.contentType,
      'Cache-Control': found.file.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(found.file).pipe(res);
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return sendJson(res, 405, fail({ code: 'invalid_args', message: 'use GET', userMessage: '请求方式不正确。' }));
      const refused = checkApiRequest(req, false);
      if (refused) return sendJson(res, 403, refused);
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', ...SECURITY_HEADERS });
      res.write(': connected\n\n');
      sse.add(res);
      const unsubscribe = app.bus.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        sse.delete(res);
      });
      return;
    }
    const m = /^\/api\/call\/([a-zA-Z0-9._-]{1,64})$/.exec(url.pathname);
    if (!m) return sendJson(res, 404, fail({ code: 'unknown_channel', message: `no route ${url.pathname}`, userMessage: '应用内部请求无效。' }));
    if (req.method !== 'POST') return sendJson(res, 405, fail({ code: 'invalid_args', message: 'use POST', userMessage: '请求方式不正确。' }));
    const refused = checkApiRequest(req, true);
    if (refused) return sendJson(res, 403, refused);
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, fail({ code: 'invalid_args', message: 'content-type must be application/json', userMessage: '请求格式不正确。' }));
    }
    const body = await readBody(req);
    if (body === 'too-large') return sendJson(res, 413, fail({ code: 'invalid_args', message: `body over ${MAX_BODY_BYTES} bytes`, userMessage: '提交的内容过大，未做任何更改。' }));
    let args: unknown;
    try {
      args = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return sendJson(res, 400, fail({ code: 'invalid_args', message: 'body is not valid JSON', userMessage: '提交的内容格式不正确，未做任何更改。' }));
    }
    const result = await app.dispatcher.dispatch(m[1]!, args, { transport: 'browser' });
    sendJson(res, 200, result);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new PortInUseError(`port ${opts.port} on 127.0.0.1 is in use (another Tagdesk?); pass --port to pick another`) : e),
    );
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  hostHeader = `127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    launchUrl: `${origin}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of sse) r.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
