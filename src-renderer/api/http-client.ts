// Browser mode's twin of the preload: the same TagdeskApi over HTTP to main on 127.0.0.1.
// The per-launch token arrives in the URL fragment (never sent to a server by the browser),
// is kept in sessionStorage for reloads, and is removed from the address bar at once.
import { appEventSchema, channelNames, type IpcResult, type TagdeskApi } from '../../src-shared/ipc/index';
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

export function createHttpApi(token: string | null): TagdeskApi {
  const call = Object.fromEntries(
    channelNames.map((name) => [
      name,
      async (args: unknown): Promise<IpcResult<unknown>> => {
        try {
          const res = await fetch(`/api/call/${name}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', ...(token ? { [TOKEN_HEADER]: token } : {}) },
            body: JSON.stringify(args ?? {}),
          });
          return (await res.json()) as IpcResult<unknown>;
        } catch (e) {
          return networkFailure((e as Error).message);
        }
      },
    ]),
  ) as TagdeskApi['call'];

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
              const parsed = appEventSchema.safeParse(JSON.parse(data));
              if (parsed.success) listener(parsed.data);
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
