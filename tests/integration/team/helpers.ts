// Test helpers for the team server: a demo team (simulator + team server) on loopback, signing
// in a member the way the desktop does, a WeCom client pointed at the relay, and an event
// stream reader that waits for a matching event instead of sleeping.
import { createWecomClient, type WecomClient } from '../../../src-shared/wecom/index';
import type { TeamEventEnvelope } from '../../../src-shared/team-api/events';
import { createSseReader } from '../../../src-shared/sse';
import type { DemoTeam } from '../../../src-server/demo/demo-team';

export async function loginCode(demo: DemoTeam, userid: string): Promise<string> {
  const q = new URLSearchParams({ appid: demo.sim.corpid, agentid: String(demo.sim.agentid), redirect_uri: 'http://127.0.0.1:9/callback', state: 's', userid });
  const res = await fetch(`${demo.sim.url}/wwlogin/sso/confirm?${q.toString()}`, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (!location) throw new Error(`no redirect from the login page (${res.status})`);
  return new URL(location).searchParams.get('code')!;
}

export async function signIn(demo: DemoTeam, userid: string): Promise<string> {
  const res = await fetch(`${demo.team.url}/team/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: await loginCode(demo, userid), deviceLabel: `${userid}的电脑` }),
  });
  const body = (await res.json()) as { ok: boolean; value: { deviceToken: string } };
  if (!body.ok) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body.value.deviceToken;
}

/** The desktop's WeCom client, speaking WeCom's protocol to the team server's relay. */
export function relayClient(demo: DemoTeam, deviceToken: string): WecomClient {
  return createWecomClient({
    baseUrl: demo.team.url,
    corpid: demo.sim.corpid,
    corpsecret: deviceToken,
    fetch: (url, init) => fetch(url, init),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: () => 0.5,
  });
}

/** A direct client to the simulator: what WeCom itself holds. */
export function wecomTruth(demo: DemoTeam): WecomClient {
  return createWecomClient({
    baseUrl: demo.sim.url,
    corpid: demo.sim.corpid,
    corpsecret: demo.sim.corpsecret,
    fetch: (url, init) => fetch(url, init),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: () => 0.5,
  });
}

export async function api<T = unknown>(demo: DemoTeam, token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: { ok: boolean; value: T; error: { code: string; userMessage: string } } }> {
  const res = await fetch(`${demo.team.url}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as never };
}

/** Reads a member's SSE stream; `next(pred)` resolves with the first matching event. */
export async function openEvents(demo: DemoTeam, token: string, cursor?: number) {
  const ctrl = new AbortController();
  const res = await fetch(`${demo.team.url}/team/v1/events${cursor !== undefined ? `?cursor=${cursor}` : ''}`, { headers: { Authorization: `Bearer ${token}` }, signal: ctrl.signal });
  if (res.status !== 200 || !res.body) throw new Error(`events: HTTP ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const seen: TeamEventEnvelope[] = [];
  let live = false;
  const push = createSseReader(
    ({ data }) => seen.push(JSON.parse(data) as TeamEventEnvelope),
    (comment) => (live ||= comment === 'live'),
  );
  const pump = async (): Promise<void> => {
    const { value, done } = await reader.read();
    if (done) throw new Error('event stream ended');
    push(value);
  };
  while (!live) await pump();
  return {
    seen,
    async next(pred: (e: TeamEventEnvelope) => boolean, timeoutMs = 10_000): Promise<TeamEventEnvelope> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = seen.find(pred);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching event in ${timeoutMs} ms; saw ${JSON.stringify(seen.map((e) => e.event))}`);
        await Promise.race([pump(), new Promise((r) => setTimeout(r, deadline - Date.now()))]);
      }
    },
    close: () => ctrl.abort(),
  };
}
