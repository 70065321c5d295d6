// The sync engine of one desktop: owns the drain loop over the outbox (≤ 5 pairs in flight,
// one round per pair at a time), the catalog and customer refreshes, online/offline, and the
// "sync stalled" watchdog. Clock, randomness, sleep and HTTP come in through SyncDeps.
import type { Db } from '../store/database';
import { markInterruptedSends, outboxCounts } from '../store/outbox';
import type { WecomClient } from '../../src-shared/wecom';
import { toSeconds, type SyncDeps } from './deps';
import { duePairsForDrain, liveOpsForPair, nextDueAt, openOpCount, pairId, settledOpCount } from './queue';
import { deferOps } from './op-settle';
import { loadCustomers, refreshCatalog, refreshDirectory, adoptServerTags, corpTagIds, readCustomer, type LoadStats, type OriginOf } from './loader';
import { syncPair, type EngineVariant, type PairOutcome } from './pair-sync';

export interface SyncEngineOptions extends SyncDeps {
  db: Db;
  /** The signed-in member: whose customers are loaded. */
  member: string;
  /** Pairs in flight at once; also WeCom's mark_tag concurrency cap (≤ 5). */
  concurrency?: number;
  /** No progress for this long while online with work queued raises "sync stalled" (10 min). */
  stallAfterMs?: number;
  /** Recheck delay for a write WeCom acknowledged but a read-back does not show yet. */
  lateRecheckMs?: number;
  /** Idle poll of the background loop. */
  pollIntervalMs?: number;
  originOf?: OriginOf;
  variant?: EngineVariant;
  onEvent?: (e: SyncEvent) => void;
}

export type SyncEvent =
  | { type: 'stalled'; sinceMs: number; openOps: number }
  | { type: 'unstalled' }
  | { type: 'config-error'; message: string }
  | { type: 'pair-error'; member: string; external: string; message: string }
  | { type: 'progress'; settled: number; parked: number };

export interface SyncStatus {
  online: boolean;
  stalled: boolean;
  configError: string | undefined;
  openOps: number;
  counts: ReturnType<typeof outboxCounts>;
  lastProgressAt: number;
}

export interface DrainStats { rounds: number; pairs: number; outcomes: Record<PairOutcome, number> }

export const STALL_AFTER_MS = 10 * 60_000;

export class SyncEngine {
  private online = true;
  private stalled = false;
  private configError: string | undefined;
  private lastProgressAt: number;
  private lastFinal = -1;
  private catalogInFlight: Promise<void> | undefined;
  private running: Promise<void> | undefined;
  private stopRequested = false;
  private kicked = false;
  private readonly busy = new Set<string>();
  readonly db: Db;
  readonly client: WecomClient;

  constructor(private readonly opts: SyncEngineOptions) {
    this.db = opts.db;
    this.client = opts.client;
    this.lastProgressAt = opts.now();
    // Whatever was being sent when the last process died has an unknown outcome: it is
    // settled by reading the customer back before anything is resent.
    markInterruptedSends(this.db, toSeconds(opts.now()));
  }

  // --- refreshes ------------------------------------------------------------------------------

  refreshCatalog(): Promise<void> {
    this.catalogInFlight ??= refreshCatalog(this.db, this.client, this.opts.now(), this.opts.originOf)
      .then(() => undefined)
      .finally(() => { this.catalogInFlight = undefined; });
    return this.catalogInFlight;
  }

  /** First start (or a full re-sync): catalog, directory, then the member's customers in pages. */
  async initialLoad(opts: { directory?: boolean; perf?: () => number } = {}): Promise<LoadStats> {
    await this.refreshCatalog();
    if (opts.directory) await refreshDirectory(this.db, this.client, this.opts.now());
    return loadCustomers(this.db, this.client, [this.opts.member], this.opts.now, opts.perf);
  }

  /** Incremental refresh of customers a change notice or a panel named: one read each. */
  async refreshCustomers(externalUserids: readonly string[]): Promise<void> {
    for (const external of externalUserids) {
      const { follows } = await readCustomer(this.client, external);
      const f = follows.find((x) => x.userid === this.opts.member);
      if (f) adoptServerTags(this.db, this.opts.member, external, corpTagIds(f.tags), this.opts.now());
    }
  }

  // --- online state and the loop ------------------------------------------------------------

  setOnline(online: boolean): void {
    if (online && !this.online) this.lastProgressAt = this.opts.now();
    this.online = online;
    if (online) this.kick();
  }

  /** A local change was queued: drain soon. */
  kick(): void {
    this.kicked = true;
  }

  /** Drains every due pair (rounds until nothing is due now). Returns what it did. */
  async drain(maxRounds = 100): Promise<DrainStats> {
    const stats: DrainStats = { rounds: 0, pairs: 0, outcomes: { settled: 0, 'retry-later': 0, 'config-error': 0 } };
    if (!this.online || this.configError) return stats;
    for (; stats.rounds < maxRounds; stats.rounds++) {
      const due = duePairsForDrain(this.db, toSeconds(this.opts.now())).filter((p) => !this.busy.has(pairId(p.memberUserid, p.externalUserid)));
      if (due.length === 0) break;
      const queue = [...due];
      const worker = async (): Promise<void> => {
        for (let p = queue.shift(); p; p = queue.shift()) {
          const key = pairId(p.memberUserid, p.externalUserid);
          this.busy.add(key);
          try {
            const outcome = await this.runPair(p.memberUserid, p.externalUserid);
            stats.outcomes[outcome]++;
            stats.pairs++;
          } finally {
            this.busy.delete(key);
          }
          if (this.configError || !this.online) return;
        }
      };
      const n = Math.min(this.opts.concurrency ?? 5, 5, queue.length);
      await Promise.all(Array.from({ length: n }, worker));
      this.checkProgress();
      if (this.configError || !this.online) break;
    }
    this.checkProgress();
    return stats;
  }

  private async runPair(member: string, external: string): Promise<PairOutcome> {
    let outcome: PairOutcome;
    try {
      outcome = await syncPair({
        db: this.db, deps: this.opts, variant: this.opts.variant ?? 'correct',
        refreshCatalog: () => this.refreshCatalog(), lateRecheckMs: this.opts.lateRecheckMs ?? 10_000,
      }, member, external);
    } catch (e) {
      // One pair's surprise must not stop the others: its ops wait (state unchanged) and retry later.
      const live = liveOpsForPair(this.db, member, external).filter((o) => o.state !== 'sending');
      deferOps(this.db, live, toSeconds(this.opts.now() + 60_000), null, e instanceof Error ? e.message : String(e));
      this.opts.onEvent?.({ type: 'pair-error', member, external, message: e instanceof Error ? e.message : String(e) });
      return 'retry-later';
    }
    if (outcome === 'config-error' && !this.configError) {
      this.configError = this.client.configError?.message ?? 'WeCom configuration error';
      this.opts.onEvent?.({ type: 'config-error', message: this.configError });
    }
    return outcome;
  }

  /** Progress = an op reached a final or parked state; none for 10 minutes while online with work queued = stalled. */
  private checkProgress(): void {
    const c = outboxCounts(this.db);
    const final = settledOpCount(this.db) + c.parked;
    const now = this.opts.now();
    if (final !== this.lastFinal) {
      if (this.lastFinal >= 0) this.opts.onEvent?.({ type: 'progress', settled: final - c.parked, parked: c.parked });
      this.lastFinal = final;
      this.lastProgressAt = now;
      if (this.stalled) { this.stalled = false; this.opts.onEvent?.({ type: 'unstalled' }); }
      return;
    }
    const open = c.pending + c.sending + c.unknown;
    if (open === 0) { this.lastProgressAt = now; return; }
    if (this.online && !this.stalled && now - this.lastProgressAt >= (this.opts.stallAfterMs ?? STALL_AFTER_MS)) {
      this.stalled = true;
      this.opts.onEvent?.({ type: 'stalled', sinceMs: this.lastProgressAt, openOps: open });
    }
  }

  /** Background loop for the app: drains when kicked or when something falls due; idles with the injected sleep. */
  start(): void {
    if (this.running) return;
    this.stopRequested = false;
    this.running = (async () => {
      while (!this.stopRequested) {
        const next = nextDueAt(this.db);
        if (this.kicked || (next !== undefined && next <= toSeconds(this.opts.now()))) {
          this.kicked = false;
          await this.drain();
        } else {
          this.checkProgress();
        }
        await this.opts.sleep(this.opts.pollIntervalMs ?? 1_000);
      }
    })();
  }

  /** Stops the loop after the current round; queued work stays in the outbox for next time. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    await this.running;
    this.running = undefined;
  }

  status(): SyncStatus {
    return { online: this.online, stalled: this.stalled, configError: this.configError, openOps: openOpCount(this.db), counts: outboxCounts(this.db), lastProgressAt: this.lastProgressAt };
  }
}

export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  return new SyncEngine(opts);
}
