// Shared pieces of the team-server benchmarks (team-push, team-load): a desktop's raw relay
// calls (WeCom's protocol with a relay token, errcodes seen as they are, no client retries),
// and a Server-Sent Events reader that timestamps each event as it is parsed.
import { performance } from 'node:perf_hooks';
import type { TeamEventEnvelope } from '../../src-shared/team-api/events';
import type { DemoTeam } from '../../src-server/demo/demo-team';
import { createSseReader } from '../../src-shared/sse';

// The team server logs JSON lines to stdout (pino), which `npm run bench` would read as
// results; keep it quiet unless asked (TAGDESK_LOG_LEVEL=warn when investigating).
process.env.TAGDESK_LOG_LEVEL ??= 'silent';

export interface RelayAnswer { errcode: number; errmsg?: string; retry_after_ms?: number; [k: string]: unknown }

/** One desktop's relay session: the relay token from `gettoken` with the device token. */
export async function relaySession(demo: DemoTeam, deviceToken: string) {
  const base = demo.team.url;
  let token = '';
  const refresh = async (): Promise<void> => {
    const q = new URLSearchParams({ corpid: demo.sim.corpid, corpsecret: deviceToken });
    const r = (await (await fetch(`${base}/cgi-bin/gettoken?${q.toString()}`)).json()) as RelayAnswer;
    if (r.errcode !== 0) throw new Error(`relay gettoken: ${JSON.stringify(r)}`);
    token = String(r.access_token);
  };
  await refresh();
  const call = async (method: 'GET' | 'POST', api: string, query: Record<string, string> = {}, body?: unknown): Promise<RelayAnswer> => {
    const q = new URLSearchParams({ ...query, access_token: token });
    const res = await fetch(`${base}/cgi-bin/${api}?${q.toString()}`, {
      method,
      ...(body !== undefined ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    const answer = (await res.json()) as RelayAnswer;
    if (answer.errcode === 40014 || answer.errcode === 42001) {
      await refresh();
      return call(method, api, query, body);
    }
    return answer;
  };
  return { call };
}

export type RelaySession = Awaited<ReturnType<typeof relaySession>>;

export type EventListener = (e: TeamEventEnvelope, atMs: number) => void;

/** Opens GET /team/v1/events and calls `onEvent` with each event and performance.now() at parse. */
export async function openStream(demo: DemoTeam, deviceToken: string, onEvent: EventListener) {
  const ctrl = new AbortController();
  const res = await fetch(`${demo.team.url}/team/v1/events`, { headers: { Authorization: `Bearer ${deviceToken}` }, signal: ctrl.signal });
  if (res.status !== 200 || !res.body) throw new Error(`events: HTTP ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let ended = false;
  let resolveLive!: () => void;
  const live = new Promise<void>((r) => { resolveLive = r; });
  let at = 0;
  const push = createSseReader(
    ({ data }) => onEvent(JSON.parse(data) as TeamEventEnvelope, at),
    (comment) => comment === 'live' && resolveLive(),
  );
  const pump = async (): Promise<void> => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      at = performance.now();
      push(value);
    }
  };
  const done = pump().catch(() => undefined).finally(() => { ended = true; });
  await live;
  return {
    get ended(): boolean { return ended; },
    async close(): Promise<void> {
      ctrl.abort();
      await done;
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function memoryMb(): number {
  return Math.round(process.memoryUsage().rss / 1024 / 1024);
}
