// The demo's stand-in for the company's other systems (web shop, forms, store tills, chat
// archive): it posts behaviour events to the team server's webhook, signed with the demo's
// ingest secret exactly as a real sender must. First a month of history (so a backtest has
// something to show), then a few events now and then, so enabled rules visibly fire.
// Seeded and bounded; started only by the embedded demo.
import { INGEST_SIGNATURE_HEADER, INGEST_TIMESTAMP_HEADER, MAX_EVENTS_PER_REQUEST, type BehaviourEvent } from '../../src-shared/automation/index';
import { signIngest } from '../team/automation/ingest';
import { generateDemoStream, liveDemoEvents } from '../team/automation/demo-stream';
import { createRng } from './rng';
import type { DemoCompany } from './company';

export interface DemoEventSenderOptions {
  /** The team server's base URL. */
  url: string;
  secret: string;
  company: DemoCompany;
  seed?: number;
  /** Customers with a history (the first N by id). */
  historyCustomers?: number;
  historyDays?: number;
  /** Between two live sends, and how many events each carries. */
  intervalMs?: number;
  perTick?: number;
  /** The live stream stops after this many events. */
  maxLiveEvents?: number;
  onError?: (err: unknown) => void;
  now?: () => Date;
}

export interface DemoEventSender {
  /** Resolves once the history is in. */
  ready: Promise<void>;
  /** Live events sent so far. */
  sent(): number;
  stop(): void;
}

/** Posts events as one signed request (the webhook's own limits apply: 500 a request). */
export async function postSignedEvents(url: string, secret: string, events: readonly BehaviourEvent[], now = Date.now()): Promise<{ accepted: number; duplicates: number }> {
  const body = JSON.stringify({ events });
  const ts = Math.floor(now / 1000);
  const res = await fetch(`${url}/team/v1/ingest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [INGEST_TIMESTAMP_HEADER]: String(ts), [INGEST_SIGNATURE_HEADER]: signIngest(secret, ts, body) },
    body,
  });
  const answer = (await res.json()) as { ok: boolean; value?: { accepted: number; duplicates: number }; error?: { message: string } };
  if (!res.ok || !answer.value) throw new Error(`ingest refused (${res.status}): ${answer.error?.message ?? ''}`);
  return answer.value;
}

export function startDemoEventSender(opts: DemoEventSenderOptions): DemoEventSender {
  const seed = opts.seed ?? 1;
  const now = opts.now ?? (() => new Date());
  const onError = opts.onError ?? (() => undefined);
  // The follower who added the customer first is the one a shop's link or order is attributed to.
  const owners = new Map<string, { externalUserid: string; userid: string; createtime: number }>();
  for (const r of opts.company.relations) {
    const o = owners.get(r.external_userid);
    if (!o || r.createtime < o.createtime) owners.set(r.external_userid, { externalUserid: r.external_userid, userid: r.userid, createtime: r.createtime });
  }
  const customers = [...owners.values()].sort((a, b) => (a.externalUserid < b.externalUserid ? -1 : 1));
  let stopped = false;
  let sent = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function history(): Promise<void> {
    // Same seed, same ids: a restart re-sends the history and the server counts it as duplicates.
    const events = generateDemoStream({ seed, customers: customers.slice(0, opts.historyCustomers ?? 300), end: now(), days: opts.historyDays ?? 30 });
    for (let i = 0; i < events.length && !stopped; i += MAX_EVENTS_PER_REQUEST) await postSignedEvents(opts.url, opts.secret, events.slice(i, i + MAX_EVENTS_PER_REQUEST), now().getTime());
  }

  const rng = createRng(seed * 7919 + 17);
  const runStamp = now().getTime().toString(36);
  let n = 0;
  const max = opts.maxLiveEvents ?? 2000;
  const tick = (): void => {
    if (stopped || sent >= max) return;
    const events = liveDemoEvents(rng, customers, now(), Math.min(opts.perTick ?? 3, max - sent), () => `live-${seed}-${runStamp}-${++n}`);
    sent += events.length;
    postSignedEvents(opts.url, opts.secret, events, now().getTime())
      .catch(onError)
      .finally(() => {
        if (!stopped && sent < max) timer = setTimeout(tick, opts.intervalMs ?? 20_000).unref();
      });
  };

  const ready = history().catch(onError).then(() => {
    if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 20_000).unref();
  });
  return {
    ready,
    sent: () => sent,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
