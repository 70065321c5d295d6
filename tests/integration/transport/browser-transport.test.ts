// Browser mode's HTTP transport serves the same contract as the preload, but only to a
// caller holding the per-launch token, from the server's own Origin and Host.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'node:http';
import { createApp, type App } from '../../../src-main/app/services';
import { memorySecretStore } from '../../../src-main/secrets/secret-store';
import { silentLogger } from '../../../src-main/services/logger';
import { startBrowserHost, type BrowserHost, PortInUseError } from '../../../src-main/host/http-transport';

let app: App;
let host: BrowserHost;
let origin: string;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tagdesk-transport-'));
  const rendererDir = path.join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(path.join(dataDir, 'secret.txt'), 'outside the renderer folder');
  app = createApp({ mode: 'browser', dataDir, secrets: memorySecretStore(), log: silentLogger() });
  host = await startBrowserHost({ app, rendererDir, port: 0 });
  origin = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host.close();
  app.close();
});

const call = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${origin}/api/call/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin, 'X-Tagdesk-Token': host.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A raw request, so Host and Origin can be set the way a hostile page or rebinding would. */
function raw(opts: { method: string; path: string; headers: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method: opts.method, path: opts.path, headers: opts.headers }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('browser-mode transport', () => {
  it('answers a contract call with the token from its own origin', async () => {
    const res = await call('app.ping', { text: '你好' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, value: { text: '你好' } });
  });

  it('refuses a call without the token, and one with a wrong token', async () => {
    for (const token of ['', 'x'.repeat(host.token.length), host.token.slice(0, -1)]) {
      const res = await call('app.info', {}, { 'X-Tagdesk-Token': token });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('refuses a call from another Origin even with the right token', async () => {
    for (const o of ['http://evil.example', 'http://localhost:' + host.port, 'null']) {
      const res = await call('app.info', {}, { Origin: o });
      expect(res.status).toBe(403);
    }
  });

  it('refuses a call with no Origin at all', async () => {
    const r = await raw({ method: 'POST', path: '/api/call/app.info', headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', 'x-tagdesk-token': host.token }, body: '{}' });
    expect(r.status).toBe(403);
  });

  it('refuses a DNS-rebinding Host header', async () => {
    const r = await raw({
      method: 'POST',
      path: '/api/call/app.info',
      headers: { host: `attacker.example:${host.port}`, origin, 'content-type': 'application/json', 'x-tagdesk-token': host.token },
      body: '{}',
    });
    expect(r.status).toBe(403);
  });

  it('returns a typed validation error for malformed arguments, not a crash', async () => {
    const res = await call('app.ping', { text: ['not', 'a', 'string'] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'invalid_args', issues: [{ path: 'text' }] } });
    const bad = await call('app.ping', '{"text": ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid_args' } });
    // and the server is still fine afterwards
    expect((await call('app.ping', { text: 'ok' })).status).toBe(200);
  });

  it('refuses oversized bodies and wrong methods', async () => {
    const big = await call('app.ping', { text: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    const get = await fetch(`${origin}/api/call/app.info`, { headers: { 'X-Tagdesk-Token': host.token } });
    expect(get.status).toBe(405);
  });

  it('serves the renderer with CSP and never a file outside its folder', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const r = await raw({ method: 'GET', path: p, headers: { host: `127.0.0.1:${host.port}` } });
      expect(r.body).not.toContain('outside the renderer folder');
    }
  });

  it('streams main events to a token holder and refuses the stream without one', async () => {
    const denied = await fetch(`${origin}/api/events`);
    expect(denied.status).toBe(403);
    const ctrl = new AbortController();
    const res = await fetch(`${origin}/api/events`, { headers: { 'X-Tagdesk-Token': host.token }, signal: ctrl.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    await reader.read(); // ": connected"
    app.session.setConnection({ state: 'offline' });
    let text = '';
    while (!text.includes('"offline"')) text += (await reader.read()).value ?? '';
    expect(text).toContain('"type":"connection"');
    ctrl.abort();
  });

  it('says clearly when the port is taken', async () => {
    await expect(startBrowserHost({ app, rendererDir: '/nonexistent', port: host.port })).rejects.toBeInstanceOf(PortInUseError);
  });
});
