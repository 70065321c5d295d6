// The WeCom simulator's state and endpoint handlers driven in-process, on a virtual clock,
// with seeded faults (busy, lost responses, late application, network errors, 45009, token
// invalidation, crashes) and a ledger of every write, so a simulation can tell who last set
// each tag and whether the engine ever wrote the same effect twice. No sockets, no timers.
import type { DemoCompany } from '../../../src-server/demo/company';
import type { Rng } from '../../../src-server/demo/rng';
import { SimRuntime } from '../../../src-server/wecom-sim/runtime';
import { endpoints } from '../../../src-server/wecom-sim/endpoints/index';
import type { SimContext, SimEndpoint } from '../../../src-server/wecom-sim/endpoints/types';
import { SimError, formatErrmsg } from '../../../src-server/wecom-sim/errors';
import { colleagueEdit } from '../../../src-server/wecom-sim/console-edits';
import type { WecomFetch } from '../../../src-shared/wecom';

export class VirtualClock {
  constructor(public t: number) {}
  now = (): number => this.t;
  /** Advances virtual time and yields once, so other tasks interleave deterministically. */
  sleep = async (ms: number): Promise<void> => {
    this.t += Math.max(0, ms);
    await Promise.resolve();
  };
}

export interface FaultRates {
  busy: number;
  lose: number;
  late: number;
  network: number;
  rateLimit: number;
  tokenInvalidate: number;
}

export const NO_FAULTS: FaultRates = { busy: 0, lose: 0, late: 0, network: 0, rateLimit: 0, tokenInvalidate: 0 };

type Writer = 'engine' | 'colleague';

export interface EngineWrite { member: string; external: string; add: string[]; remove: string[]; at: number }

/** One desktop's connection: it can be offline, and it dies with its process (a crash). */
export interface Connection { member: string; online: boolean; dead: boolean; crashArmed: boolean; onCrash?: () => void }

const never = new Promise<never>(() => undefined);

export class InProcessWecom {
  readonly rt: SimRuntime;
  private readonly byPath = new Map<string, SimEndpoint>();
  faults: FaultRates = NO_FAULTS;
  private late: Array<{ due: number; run: () => void }> = [];
  private readonly lastWriter = new Map<string, Writer>();
  private readonly pairsInFlight = new Set<string>();
  private markTagInFlight = 0;
  readonly stats = { requests: 0, duplicatedWrites: 0, maxConcurrentMarkTag: 0, pairOverlaps: 0 };
  readonly engineWrites: EngineWrite[] = [];
  readonly duplicates: string[] = [];
  /** Every request as sent (URL and body), for the "no personal tag text leaves" check and replay hashes. */
  readonly requestLog: string[] = [];

  constructor(company: DemoCompany, readonly clock: VirtualClock, private readonly rng: Rng) {
    this.rt = new SimRuntime(company, { clock: clock.now, faults: true, reuseTokenWithinValidity: true });
    for (const ep of endpoints) this.byPath.set(ep.path, ep);
  }

  writerOf(member: string, external: string, tagId: string): Writer | undefined {
    return this.lastWriter.get(`${member}|${external}|${tagId}`);
  }

  private noteWrite(member: string, external: string, before: ReadonlySet<string>, after: ReadonlySet<string>, who: Writer): void {
    for (const t of new Set([...before, ...after])) if (before.has(t) !== after.has(t)) this.lastWriter.set(`${member}|${external}|${t}`, who);
  }

  /** A colleague (or the member on their phone) edits the relation in WeCom itself. */
  colleagueEdit(member: string, external: string, add: string[], remove: string[]): void {
    if (process.env.SYNC_SIM_DEBUG && external.includes(process.env.SYNC_SIM_DEBUG)) console.log('COLLEAGUE', this.clock.now(), add, remove);
    const r = this.rt.state.relation(member, external);
    if (!r) return;
    const before = new Set(r.tag_ids);
    colleagueEdit(this.rt, { userid: member, external_userid: external, add_tag: add.filter((t) => this.rt.state.activeTag(t)), remove_tag: remove });
    this.noteWrite(member, external, before, new Set(r.tag_ids), 'colleague');
  }

  /** An admin-console change (delete, rename, rebuild a group): relations it moves count as someone else's writes. */
  consoleChange(change: () => void): void {
    const before = new Map([...this.rt.state.relations].map(([k, r]) => [k, new Set(r.tag_ids)]));
    change();
    for (const [k, r] of this.rt.state.relations) {
      const was = before.get(k);
      if (was) this.noteWrite(r.userid, r.external_userid, was, new Set(r.tag_ids), 'colleague');
    }
  }

  private landLate(): void {
    const now = this.clock.now();
    const due = this.late.filter((l) => l.due <= now);
    this.late = this.late.filter((l) => l.due > now);
    for (const l of due) l.run();
  }

  /** Applies late writes whatever their due time (quiescence). */
  flushLate(): void {
    const all = this.late;
    this.late = [];
    for (const l of all) l.run();
  }

  /** mark_tag with the ledger: a no-op effect of a tag the engine itself last set is a duplicate. */
  private applyMarkTag(ep: SimEndpoint, ctx: SimContext): Record<string, unknown> {
    const member = String(ctx.body.userid);
    const external = String(ctx.body.external_userid);
    const r = this.rt.state.relation(member, external);
    const before = new Set(r?.tag_ids ?? []);
    const add = (ctx.body.add_tag as string[] | undefined) ?? [];
    const remove = (ctx.body.remove_tag as string[] | undefined) ?? [];
    const result = ep.handle(ctx);
    for (const t of [...add.filter((x) => before.has(x)), ...remove.filter((x) => !before.has(x))]) {
      if (this.writerOf(member, external, t) !== 'engine') continue;
      this.stats.duplicatedWrites++;
      this.duplicates.push(`${member}/${external} ${t} at ${this.clock.now()}`);
    }
    this.noteWrite(member, external, before, new Set(r?.tag_ids ?? []), 'engine');
    this.engineWrites.push({ member, external, add, remove, at: this.clock.now() });
    return result;
  }

  private answer(json: Record<string, unknown>): { status: number; text(): Promise<string> } {
    const body = JSON.stringify(json);
    if (process.env.SYNC_SIM_DEBUG && body.includes(process.env.SYNC_SIM_DEBUG)) console.log('RES', this.clock.now(), body.replace(/"avatar":"[^"]*",?/g, ''));
    return { status: 200, text: async () => body };
  }

  private error(e: unknown): Record<string, unknown> {
    const err = e instanceof SimError ? e : new SimError(-1);
    return { errcode: err.errcode, errmsg: formatErrmsg(err.errcode, err.detail, '127.0.0.1', this.clock.now()), ...err.extra };
  }

  /** The fetch one desktop's WeCom client uses. */
  fetchFor(conn: Connection): WecomFetch {
    return async (url, init) => {
      if (conn.dead) return never;
      this.requestLog.push(`${init.method} ${url} ${init.body ?? ''}`);
      if (process.env.SYNC_SIM_DEBUG && (url + (init.body ?? '')).includes(process.env.SYNC_SIM_DEBUG)) console.log('REQ', conn.member, this.clock.now(), url.replace(/access_token=[^&]+/, ''), init.body ?? '');
      this.stats.requests++;
      await this.clock.sleep(this.rng.int(5, 60));
      if (conn.dead) return never;
      this.landLate();
      if (!conn.online) throw new TypeError('fetch failed: offline');
      const f = this.faults;
      if (this.rng.chance(f.network)) throw new TypeError('fetch failed: connection reset');
      const u = new URL(url);
      const path = u.pathname.replace(/^\/cgi-bin\//, '');
      const ep = this.byPath.get(path);
      if (!ep) return { status: 404, text: async () => '{}' };
      if (this.rng.chance(f.tokenInvalidate)) this.rt.invalidateTokens(this.rng.chance(0.5) ? 40014 : 42001);
      if (path !== 'gettoken' && this.rng.chance(f.rateLimit)) this.rt.limiter.block(path, this.clock.now() + 60_000);
      const isMarkTag = path === 'externalcontact/mark_tag';
      const body = init.body ? (JSON.parse(init.body) as Record<string, unknown>) : {};
      const pair = `${String(body.userid)}|${String(body.external_userid)}`;
      try {
        const nowMs = this.clock.now();
        if (this.rt.limiter.overLimit(ep.path, '127.0.0.1', nowMs, false)) throw new SimError(45009);
        if (ep.auth === 'token') {
          const code = this.rt.checkToken(u.searchParams.get('access_token'));
          if (code !== 0) throw new SimError(code);
        }
        if (this.rng.chance(f.busy)) throw new SimError(-1);
        const ctx: SimContext = { rt: this.rt, nowMs, nowSec: Math.floor(nowMs / 1000), query: u.searchParams, body, ip: '127.0.0.1' };
        if (isMarkTag) {
          if (this.pairsInFlight.has(pair)) { this.stats.pairOverlaps++; throw new SimError(45035); }
          this.pairsInFlight.add(pair);
          this.markTagInFlight++;
          this.stats.maxConcurrentMarkTag = Math.max(this.stats.maxConcurrentMarkTag, this.markTagInFlight);
        }
        try {
          if (isMarkTag) await this.clock.sleep(this.rng.int(5, 40));
          if (conn.dead) return never;
          // A crash while the request is on the wire: it reaches WeCom or not, the process never learns which.
          if (isMarkTag && conn.crashArmed) {
            conn.dead = true;
            conn.onCrash?.();
            try { if (this.rng.chance(0.5)) this.applyMarkTag(ep, ctx); } catch { /* refused: it simply did not land */ }
            return never;
          }
          if (ep.lateApplicable && this.rng.chance(f.late)) {
            const run = () => { try { if (isMarkTag) this.applyMarkTag(ep, ctx); else ep.handle(ctx); } catch { /* silently lost, as at WeCom */ } };
            this.late.push({ due: nowMs + this.rng.int(200, 3_000), run });
            return this.answer({ errcode: 0, errmsg: 'ok' });
          }
          const result = isMarkTag ? this.applyMarkTag(ep, ctx) : ep.handle(ctx);
          if (ep.lateApplicable && this.rng.chance(f.lose)) throw new TypeError('fetch failed: socket hang up');
          return this.answer({ errcode: 0, errmsg: 'ok', ...result });
        } finally {
          if (isMarkTag) { this.pairsInFlight.delete(pair); this.markTagInFlight--; }
        }
      } catch (e) {
        if (e instanceof TypeError) throw e;
        return this.answer(this.error(e));
      }
    };
  }
}
