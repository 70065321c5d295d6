// The contract is the single source of truth: main handles exactly its channels, validates
// every argument, and returns errors as data instead of throwing across the boundary.
import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contract, channelNames, IPC_ERROR_CODES, ipcErrorSchema } from '../../../src-shared/ipc/index';
import { createApp } from '../../../src-main/app/services';
import { createHandlers } from '../../../src-main/ipc/handlers/index';
import { memorySecretStore } from '../../../src-main/secrets/secret-store';
import { silentLogger } from '../../../src-main/services/logger';
import { createDispatcher, HandledError, type HandlerTable } from '../../../src-main/ipc/dispatch';

function freshApp() {
  return createApp({ mode: 'browser', dataDir: mkdtempSync(path.join(tmpdir(), 'tagdesk-ipc-')), secrets: memorySecretStore(), log: silentLogger() });
}

describe('the IPC contract', () => {
  it('has a handler in main for every channel and no handler without a channel', () => {
    const app = freshApp();
    const handlers = createHandlers(app);
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
    app.close();
  });

  it('names channels as concern.action so the registry stays readable', () => {
    for (const name of channelNames) expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  });

  it('gives every channel a summary and object-shaped arguments', () => {
    for (const name of channelNames) {
      expect(contract[name].summary.length).toBeGreaterThan(10);
      expect(contract[name].args.safeParse({}).success || contract[name].args.safeParse(undefined).success === false).toBe(true);
    }
  });

  it('returns app facts from main that match the result schema, the integrity check following right after start', async () => {
    const app = freshApp();
    const first = await app.dispatcher.dispatch('app.info', {}, { transport: 'browser' });
    expect(first.ok && contract['app.info'].result.parse(first.value).store.integrity).toBe('checking');
    await new Promise<void>((resolve) => app.bus.subscribe((e) => e.type === 'store-health' && resolve()));
    const r = await app.dispatcher.dispatch('app.info', {}, { transport: 'browser' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const info = contract['app.info'].result.parse(r.value);
    expect(info.store.journalMode).toBe('wal');
    expect(info.store.synchronous).toBe('FULL');
    expect(info.store.integrity).toBe('ok');
    expect(info.dataDir).toBe(app.dataDir);
    app.close();
  });
});

describe('the dispatcher', () => {
  it('turns a malformed argument into a typed validation error naming the field', async () => {
    const app = freshApp();
    const r = await app.dispatcher.dispatch('app.ping', { text: 42 }, { transport: 'electron' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(ipcErrorSchema.parse(r.error).code).toBe('invalid_args');
    expect(r.error.issues?.[0]?.path).toBe('text');
    expect(r.error.userMessage).toMatch(/格式不正确/);
    app.close();
  });

  it('refuses unexpected extra fields rather than ignoring them', async () => {
    const app = freshApp();
    const r = await app.dispatcher.dispatch('app.info', { sneaky: true }, { transport: 'browser' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid_args');
    app.close();
  });

  it('answers an unknown channel, including prototype names, with unknown_channel', async () => {
    const app = freshApp();
    for (const name of ['nope.nothing', '__proto__', 'constructor', 'toString']) {
      const r = await app.dispatcher.dispatch(name, {}, { transport: 'browser' });
      expect(r.ok ? 'ok' : r.error.code).toBe('unknown_channel');
    }
    app.close();
  });

  it('returns a handler failure as data: HandledError keeps its code, a bug becomes internal', async () => {
    const app = freshApp();
    const base = createHandlers(app);
    const broken: HandlerTable = {
      ...base,
      'app.ping': async () => {
        throw new HandledError('unavailable', 'team server down', '团队服务器暂时无法连接。');
      },
      'app.info': async () => {
        throw new TypeError('boom');
      },
    };
    const d = createDispatcher(broken, silentLogger());
    const a = await d.dispatch('app.ping', { text: 'x' }, { transport: 'browser' });
    expect(a).toMatchObject({ ok: false, error: { code: 'unavailable', userMessage: '团队服务器暂时无法连接。' } });
    const b = await d.dispatch('app.info', {}, { transport: 'browser' });
    expect(b).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(IPC_ERROR_CODES).toContain('internal');
    app.close();
  });
});
