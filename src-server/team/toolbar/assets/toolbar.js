// The chat-toolbar page's logic (runs inside the WeCom client's webview). It registers with
// WeCom's JS-SDK (`ww`), asks for the customer of the current one-to-one chat, and reports it
// to the team server, which switches the member's Tagdesk panel to that customer.
// Exported for tests, which pass a stand-in for `ww`; the last lines run it in the page.

const SUPPORTED_ENTRIES = ['single_chat_tools', 'contact_profile'];

/** Chinese texts the page shows. */
export const MESSAGES = {
  working: '正在识别当前客户…',
  done: '已在 Tagdesk 面板中打开该客户',
  wrongEntry: '请在与客户的单聊中，从聊天工具栏打开 Tagdesk',
  noCustomer: '未能获取当前客户，请确认你有客户联系权限后重试',
  serverFailed: '无法连接 Tagdesk 团队服务器，请稍后重试',
  signedOut: '登录已过期，请关闭后从聊天工具栏重新打开',
};

/**
 * @param {{ ww: any, fetch: typeof fetch, pageUrl: string, render: (state: { kind: string, text: string }) => void }} env
 * @returns {Promise<string | null>} the external_userid reported, or null
 */
export async function runToolbar(env) {
  const { ww, fetch: doFetch, pageUrl, render } = env;
  render({ kind: 'working', text: MESSAGES.working });
  const post = (path, body) =>
    doFetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify(body) });

  let config;
  try {
    const res = await doFetch('/toolbar/api/config', { credentials: 'same-origin' });
    if (res.status === 401) {
      render({ kind: 'error', text: MESSAGES.signedOut });
      return null;
    }
    config = (await res.json()).value;
  } catch {
    render({ kind: 'error', text: MESSAGES.serverFailed });
    return null;
  }

  const signer = (kind) => async (url) => {
    const res = await post('/toolbar/api/signature', { kind, url: url || pageUrl });
    if (!res.ok) throw new Error(`signature ${res.status}`);
    return (await res.json()).value;
  };
  ww.register({
    corpId: config.corpId,
    agentId: config.agentId,
    jsApiList: ['getContext', 'getCurExternalContact'],
    getConfigSignature: signer('corp'),
    getAgentConfigSignature: signer('agent'),
  });

  let entry;
  try {
    entry = (await ww.getContext()).entry;
  } catch {
    entry = 'unknown';
  }
  if (!SUPPORTED_ENTRIES.includes(entry)) {
    render({ kind: 'error', text: MESSAGES.wrongEntry });
    return null;
  }

  let externalUserid;
  try {
    externalUserid = (await ww.getCurExternalContact()).userId;
  } catch {
    externalUserid = null;
  }
  if (!externalUserid) {
    render({ kind: 'error', text: MESSAGES.noCustomer });
    return null;
  }

  try {
    const res = await post('/toolbar/api/current', { externalUserid, entry });
    if (res.status === 401) {
      render({ kind: 'error', text: MESSAGES.signedOut });
      return null;
    }
    if (!res.ok) throw new Error(`current ${res.status}`);
  } catch {
    render({ kind: 'error', text: MESSAGES.serverFailed });
    return null;
  }
  render({ kind: 'done', text: MESSAGES.done });
  return externalUserid;
}

if (typeof window !== 'undefined' && typeof document !== 'undefined' && window.ww) {
  const box = document.getElementById('status');
  void runToolbar({
    ww: window.ww,
    fetch: window.fetch.bind(window),
    pageUrl: window.location.href,
    render: ({ kind, text }) => {
      if (!box) return;
      box.className = `status status-${kind}`;
      box.textContent = text;
    },
  });
}
