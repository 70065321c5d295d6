// The chat-toolbar page's logic with a stand-in for WeCom's JS-SDK (`ww`): it registers the
// app, checks it was opened from a one-to-one chat, and reports the current customer.
import { describe, it, expect } from 'vitest';
import { runToolbar, MESSAGES, type ToolbarState } from '../../../src-server/team/toolbar/assets/toolbar.js';

interface Call { path: string; init?: { method?: string; body?: string } }

function standIn(opts: { entry?: string; externalUserid?: string | null; failContext?: boolean } = {}) {
  const registered: Record<string, unknown>[] = [];
  const ww = {
    register: (o: Record<string, unknown>) => registered.push(o),
    getContext: async () => {
      if (opts.failContext) throw new Error('not in WeCom');
      return { entry: opts.entry ?? 'single_chat_tools' };
    },
    getCurExternalContact: async () => {
      if (opts.externalUserid === null) throw new Error('getCurExternalContact:fail without context of external contact');
      return { userId: opts.externalUserid ?? 'wmCUSTOMER1' };
    },
  };
  return { ww, registered };
}

function server(statuses: Record<string, number> = {}) {
  const calls: Call[] = [];
  const fetch = async (path: string, init?: Call['init']) => {
    calls.push({ path, init });
    const status = statuses[path] ?? 200;
    const value = path === '/toolbar/api/config' ? { corpId: 'wwCORP', agentId: 1000002 } : { timestamp: 1, nonceStr: 'n', signature: 's' };
    return { status, ok: status < 300, json: async () => ({ ok: status < 300, value }) };
  };
  return { fetch, calls };
}

async function run(sdk: ReturnType<typeof standIn>, srv: ReturnType<typeof server>) {
  const states: ToolbarState[] = [];
  const result = await runToolbar({ ww: sdk.ww, fetch: srv.fetch, pageUrl: 'https://team.example/toolbar', render: (s) => states.push(s) });
  return { result, states, last: states[states.length - 1]! };
}

describe('the chat-toolbar page', () => {
  it('reports the customer of the current one-to-one chat to the team server', async () => {
    const sdk = standIn({ externalUserid: 'wmABC' });
    const srv = server();
    const { result, last } = await run(sdk, srv);
    expect(result).toBe('wmABC');
    expect(last).toEqual({ kind: 'done', text: MESSAGES.done });
    expect(sdk.registered[0]).toMatchObject({ corpId: 'wwCORP', agentId: 1000002, jsApiList: ['getContext', 'getCurExternalContact'] });
    const report = srv.calls.find((c) => c.path === '/toolbar/api/current')!;
    expect(JSON.parse(report.init!.body!)).toEqual({ externalUserid: 'wmABC', entry: 'single_chat_tools' });
  });

  it('signs with the server, never with a ticket of its own', async () => {
    const sdk = standIn();
    const srv = server();
    await run(sdk, srv);
    const reg = sdk.registered[0] as { getAgentConfigSignature: (u: string) => Promise<unknown>; getConfigSignature: (u: string) => Promise<unknown> };
    expect(await reg.getAgentConfigSignature('https://team.example/toolbar')).toEqual({ timestamp: 1, nonceStr: 'n', signature: 's' });
    await reg.getConfigSignature('https://team.example/toolbar');
    const kinds = srv.calls.filter((c) => c.path === '/toolbar/api/signature').map((c) => (JSON.parse(c.init!.body!) as { kind: string }).kind);
    expect(kinds).toEqual(['agent', 'corp']);
  });

  it('asks to be opened from a chat when opened elsewhere (group chat, workbench)', async () => {
    for (const entry of ['group_chat_tools', 'normal']) {
      const srv = server();
      const { result, last } = await run(standIn({ entry }), srv);
      expect(result).toBeNull();
      expect(last.text).toBe(MESSAGES.wrongEntry);
      expect(srv.calls.some((c) => c.path === '/toolbar/api/current')).toBe(false);
    }
  });

  it('says so when WeCom gives no customer', async () => {
    const { result, last } = await run(standIn({ externalUserid: null }), server());
    expect(result).toBeNull();
    expect(last.text).toBe(MESSAGES.noCustomer);
  });

  it('asks to reopen the page when the session expired', async () => {
    const { last } = await run(standIn(), server({ '/toolbar/api/config': 401 }));
    expect(last.text).toBe(MESSAGES.signedOut);
  });

  it('reports a server failure instead of claiming success', async () => {
    const { result, last } = await run(standIn(), server({ '/toolbar/api/current': 502 }));
    expect(result).toBeNull();
    expect(last.text).toBe(MESSAGES.serverFailed);
  });
});
