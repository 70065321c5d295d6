// Browser mode's twin of the preload: the same TagdeskApi over HTTP to main on 127.0.0.1.
// The per-launch token arrives in the URL fragment (never sent to a server by the browser),
// is kept in sessionStorage for reloads, and is removed from the address bar at once.
import type { AppEvent, IpcResult, TagdeskApi } from '../../src-shared/ipc/index';
import { createSseReader } from '../../src-shared/sse';
import { t } from '../i18n/zh-CN';

const TOKEN_KEY = 'tagdesk.token';
const TOKEN_HEADER = 'X-Tagdesk-Token';

export function takeTokenFromUrl(): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const networkFailure = (message: string): IpcResult<never> => ({
  ok: false,
  error: { code: 'unavailable', message, userMessage: t.backendDown },
});

/**
 * The event schema, loaded after start-up: the contract's validators are most of the renderer's
 * script, and the panel needs none of them to paint. Every event still passes through it, in
 * the order the events arrived (callbacks on one promise run in registration order).
 */
let eventSchema: Promise<{ safeParse(v: unknown): { success: true; data: AppEvent } | { success: false } }> | null = null;
const loadEventSchema = () => (eventSchema ??= import('../../src-shared/ipc/events').then((m) => m.appEventSchema));

export function createHttpApi(token: string | null): TagdeskApi {
  const send = async (name: string, args: unknown): Promise<IpcResult<unknown>> => {
    try {
      const res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { [TOKEN_HEADER]: token } : {}) },
        body: JSON.stringify(args ?? {}),
      });
      return (await res.json()) as IpcResult<unknown>;
    } catch (e) {
      return networkFailure((e as Error).message);
    }
  };
  // Any channel name reaches main, which answers unknown ones with a typed error; the type
  // system keeps the renderer to the contract's names.
  const call = new Proxy({} as TagdeskApi['call'], {
    get: (_, name) => (typeof name === 'string' ? (args: unknown) => send(name, args) : undefined),
  });

  return {
    call,
    onEvent(listener) {
      const abort = new AbortController();
      void (async () => {
        let delay = 500;
        while (!abort.signal.aborted) {
          try {
            const res = await fetch('/api/events', { headers: token ? { [TOKEN_HEADER]: token } : {}, signal: abort.signal });
            if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
            delay = 500;
            const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
            const push = createSseReader(({ data }) => {
              const raw: unknown = JSON.parse(data);
              void loadEventSchema().then((schema) => {
                const parsed = schema.safeParse(raw);
                if (parsed.success && !abort.signal.aborted) listener(parsed.data);
              });
            });
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              push(value);
            }
          } catch {
            if (abort.signal.aborted) return;
          }
          await new Promise((r) => setTimeout(r, delay));
          delay = Math.min(delay * 2, 10_000);
        }
      })();
      return () => abort.abort();
    },
  };
}
