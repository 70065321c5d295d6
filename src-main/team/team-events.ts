// The desktop's end of the team server's event stream: one long-lived SSE request with the
// device token, resumed from the last seq it saw (kept in the store, so a restart misses
// nothing the server still holds). Reconnects with jittered back-off; reports whether the team
// server is reachable, and stops for good when the device was revoked.
import { teamEventSchema, type TeamEventEnvelope } from '../../src-shared/team-api/events';
import { createSseReader } from '../../src-shared/sse';

export interface TeamEventsOptions {
  baseUrl: string;
  token: string;
  cursor: () => number | null;
  saveCursor: (seq: number) => void;
  onEvent: (e: TeamEventEnvelope) => void;
  onState: (state: 'online' | 'offline' | 'revoked') => void;
  random?: () => number;
  fetchImpl?: typeof fetch;
}

export interface TeamEvents {
  stop(): void;
}

export function startTeamEvents(opts: TeamEventsOptions): TeamEvents {
  const abort = new AbortController();
  const random = opts.random ?? Math.random;
  const doFetch = opts.fetchImpl ?? fetch;
  let attempt = 0;

  async function once(): Promise<'revoked' | 'ended'> {
    const cursor = opts.cursor();
    const url = `${opts.baseUrl.replace(/\/+$/, '')}/team/v1/events${cursor !== null ? `?cursor=${cursor}` : ''}`;
    const res = await doFetch(url, { headers: { Authorization: `Bearer ${opts.token}` }, signal: abort.signal });
    if (res.status === 401) return 'revoked';
    if (res.status !== 200 || !res.body) throw new Error(`events: HTTP ${res.status}`);
    opts.onState('online');
    attempt = 0;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const push = createSseReader(({ data }) => {
      const raw = JSON.parse(data) as { seq: number; at: string; event: unknown };
      const event = teamEventSchema.safeParse(raw.event);
      // A kind this build does not know yet is skipped, but the cursor still moves past it.
      if (event.success) opts.onEvent({ seq: raw.seq, at: raw.at, event: event.data });
      opts.saveCursor(raw.seq);
    });
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'ended';
      push(value);
    }
  }

  void (async () => {
    while (!abort.signal.aborted) {
      try {
        if ((await once()) === 'revoked') {
          opts.onState('revoked');
          return;
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      opts.onState('offline');
      attempt++;
      const cap = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
      await new Promise((r) => setTimeout(r, Math.floor(random() * cap) + 250));
    }
  })();

  return { stop: () => abort.abort() };
}
