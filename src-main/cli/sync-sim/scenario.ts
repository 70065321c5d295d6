// One seeded schedule of many working days: several members on their own desktops (each its
// own store and engine) tagging offline and online, colleagues editing in WeCom, tags deleted,
// renamed and rebuilt, faults and crashes. After it quiesces the checks run: no op lost, none
// applied twice, local = WeCom for every pair, no change to a tag the user did not touch.
import { createHash } from 'node:crypto';
import { generateDemoCompany, DEMO_EPOCH, type DemoCompany } from '../../../src-server/demo/company';
import { createRng } from '../../../src-server/demo/rng';
import { consoleDeleteTag, consoleEditTag, consoleReassignTagIds } from '../../../src-server/wecom-sim/console-edits';
import { createWecomClient } from '../../../src-shared/wecom';
import { openDatabase, type Db } from '../../store/database';
import { readCatalog } from '../../store/catalog';
import { effectiveTagsFor } from '../../store/effective-tags';
import { openConflicts } from '../../store/conflicts';
import { getOp } from '../../store/outbox';
import { auditEvents } from '../../store/audit';
import { SyncEngine } from '../../sync/engine';
import { addEnterpriseTag, chooseSingleChoiceTag, removeEnterpriseTag, setRemark } from '../../sync/local-changes';
import { opTargets } from '../../sync/merge';
import type { EngineVariant } from '../../sync/pair-sync';
import { InProcessWecom, NO_FAULTS, VirtualClock, type Connection, type FaultRates } from './in-process-wecom';

export interface SeedResult {
  seed: number;
  ops: number;
  lost: number;
  duplicated: number;
  diverged: number;
  untouchedChanged: number;
  parked: number;
  requests: number;
  /** Hash of every request the simulated WeCom received: equal hashes = identical replay. */
  trace: string;
  ok: boolean;
  notes: string[];
}

export interface ScenarioOptions {
  variant?: EngineVariant;
  /** Schedule steps (each a burst of activity followed by a drain tick). */
  steps?: number;
  members?: number;
}

const SINGLE_CHOICE_GROUP = '客户阶段';

let cachedCompany: DemoCompany | undefined;
function company(): DemoCompany {
  cachedCompany ??= generateDemoCompany({ seed: 7, customers: 60 });
  return cachedCompany;
}

interface Desk {
  member: string;
  db: Db;
  conn: Connection;
  engine: SyncEngine;
  skewMs: number;
  externals: string[];
  generation: number;
}

export async function runSeed(seed: number, opts: ScenarioOptions = {}): Promise<SeedResult> {
  const rng = createRng(seed);
  const clock = new VirtualClock(DEMO_EPOCH * 1000 + 8 * 3_600_000);
  const wecom = new InProcessWecom(company(), clock, createRng(seed ^ 0x5eed));
  const notes: string[] = [];
  const byMember = new Map<string, string[]>();
  for (const r of wecom.rt.state.relations.values()) {
    if (!wecom.rt.state.members.has(r.userid)) continue;
    byMember.set(r.userid, [...(byMember.get(r.userid) ?? []), r.external_userid]);
  }
  const members = [...byMember].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1)).slice(0, opts.members ?? 3).map(([m]) => m);
  const creds = wecom.rt.company.credentials;
  const createdOps: Array<{ opId: string; member: string; external: string; tags: string[] }> = [];

  const makeEngine = (d: Omit<Desk, 'engine'> & { engine?: SyncEngine }): SyncEngine => {
    const now = () => clock.now() + d.skewMs;
    const conn = d.conn;
    const sleep = async (ms: number) => { if (conn.dead) await new Promise<never>(() => undefined); await clock.sleep(ms); };
    const random = () => rng.next();
    const client = createWecomClient({ baseUrl: 'http://wecom.invalid', corpid: creds.corpid, corpsecret: creds.corpsecret, fetch: wecom.fetchFor(conn), now, sleep, random });
    return new SyncEngine({ db: d.db, member: d.member, client, now, sleep, random, variant: opts.variant ?? 'correct', lateRecheckMs: 10_000 });
  };

  const desks: Desk[] = [];
  for (const member of members) {
    const d = { member, db: openDatabase(':memory:'), conn: { member, online: true, dead: false, crashArmed: false } as Connection, skewMs: 0, externals: byMember.get(member)!, generation: 0 };
    const desk: Desk = { ...d, engine: makeEngine(d) };
    await desk.engine.initialLoad();
    desks.push(desk);
  }

  const restart = (d: Desk): void => {
    d.conn = { member: d.member, online: d.conn.online, dead: false, crashArmed: false };
    d.generation++;
    d.engine = makeEngine(d);
  };

  const tick = async (d: Desk): Promise<void> => {
    if (!d.conn.online) return;
    let crashed = false;
    const crash = new Promise<void>((resolve) => { d.conn.onCrash = () => { crashed = true; resolve(); }; });
    await Promise.race([d.engine.drain(5), crash]);
    if (crashed) {
      // Let the dead process's last synchronous steps run out (each ends at a request that never answers) before it restarts.
      await new Promise<void>((resolve) => setImmediate(resolve));
      restart(d);
    }
  };

  const liveTags = (d: Desk) => readCatalog(d.db).flatMap((g) => g.tags.map((t) => ({ ...t, groupName: g.name })));

  const lastEdit = new Map<string, { external: string; tagId: string | null }>();
  const userEdit = (d: Desk): void => {
    const prev = lastEdit.get(d.member);
    // People undo: a third of the edits revisit the customer and tag they just changed.
    if (prev?.tagId && rng.chance(0.3)) {
      const meta = { member: d.member, external: prev.external };
      const now = clock.now() + d.skewMs;
      const has = (effectiveTagsFor(d.db, d.member, prev.external)?.effective ?? []).includes(prev.tagId);
      try {
        const op = has ? removeEnterpriseTag(d.db, meta, prev.tagId, now) : addEnterpriseTag(d.db, meta, prev.tagId, now);
        createdOps.push({ opId: op.opId, member: d.member, external: prev.external, tags: [...opTargets(op).keys()] });
        return;
      } catch {
        // The tag left the catalog meanwhile: fall through to a fresh edit.
      }
    }
    const external = rng.pick(d.externals);
    const meta = { member: d.member, external };
    const eff = effectiveTagsFor(d.db, d.member, external)?.effective ?? [];
    const roll = rng.next();
    const now = clock.now() + d.skewMs;
    const catalog = liveTags(d);
    if (catalog.length === 0) return;
    let op;
    if (roll < 0.4) {
      const t = rng.pick(catalog.filter((x) => x.groupName !== SINGLE_CHOICE_GROUP));
      op = addEnterpriseTag(d.db, meta, t.tagId, now);
    } else if (roll < 0.7 && eff.length > 0) {
      op = removeEnterpriseTag(d.db, meta, rng.pick([...eff].sort()), now);
    } else if (roll < 0.9) {
      const stages = catalog.filter((x) => x.groupName === SINGLE_CHOICE_GROUP);
      if (stages.length === 0) return;
      op = chooseSingleChoiceTag(d.db, meta, rng.pick(stages).tagId, now);
    } else {
      op = setRemark(d.db, meta, rng.chance(0.5) ? { remark: `备注${rng.int(1, 99)}` } : { description: `跟进记录 ${rng.int(1, 999)}` }, now);
    }
    createdOps.push({ opId: op.opId, member: d.member, external, tags: [...opTargets(op).keys()] });
    lastEdit.set(d.member, { external, tagId: op.kind === 'remark' ? null : op.tagId });
  };

  const colleague = (): void => {
    const d = rng.pick(desks);
    const external = rng.pick(d.externals);
    const st = wecom.rt.state;
    const live = [...st.tags.values()].filter((t) => !t.deleted).map((t) => t.id).sort();
    const rel = st.relation(d.member, external);
    if (!rel || live.length === 0) return;
    if (rng.chance(0.5) || rel.tag_ids.length === 0) wecom.colleagueEdit(d.member, external, [rng.pick(live)], []);
    else wecom.colleagueEdit(d.member, external, [], [rng.pick([...rel.tag_ids].sort())]);
  };

  const catalogChange = (): void => {
    const st = wecom.rt.state;
    const groups = [...st.groups.values()].filter((g) => !g.deleted && g.group_name !== SINGLE_CHOICE_GROUP);
    if (groups.length === 0) return;
    const g = rng.pick(groups);
    const tags = st.activeTagsOf(g);
    const roll = rng.next();
    wecom.consoleChange(() => {
      if (roll < 0.4 && tags.length > 1) consoleDeleteTag(wecom.rt, rng.pick(tags).id);
      else if (roll < 0.7 && tags.length > 0) consoleEditTag(wecom.rt, rng.pick(tags).id, `${rng.pick(tags).name}·${rng.int(1, 9)}`);
      else consoleReassignTagIds(wecom.rt, g.group_id, rng.chance(0.8));
    });
  };

  const rates: FaultRates = {
    busy: rng.next() * 0.08, lose: rng.next() * 0.08, late: rng.next() * 0.08,
    network: rng.next() * 0.05, rateLimit: rng.next() * 0.01, tokenInvalidate: rng.next() * 0.02,
  };
  wecom.faults = rates;
  const steps = opts.steps ?? 40;
  for (let step = 0; step < steps; step++) {
    const bursts = rng.int(1, 4);
    for (let b = 0; b < bursts; b++) {
      const r = rng.next();
      if (r < 0.6) userEdit(rng.pick(desks));
      else if (r < 0.75) colleague();
      else if (r < 0.8) catalogChange();
      else if (r < 0.88) { const d = rng.pick(desks); d.conn.online = !d.conn.online; d.engine.setOnline(d.conn.online); }
      else if (r < 0.93) rng.pick(desks).conn.crashArmed = true;
      else { const d = rng.pick(desks); d.skewMs += rng.chance(0.5) ? -rng.int(30_000, 300_000) : rng.int(1_000, 60_000); }
    }
    for (const d of desks) { if (process.env.SYNC_SIM_STEPS) console.log('tick', step, d.member, d.conn.online, d.conn.crashArmed); await tick(d); }
    await clock.sleep(rng.chance(0.1) ? 14 * 3_600_000 : rng.int(5_000, 600_000));
  }

  // Quiescence: faults off, everyone online, drain until no op is live anywhere.
  wecom.faults = NO_FAULTS;
  wecom.flushLate();
  for (const d of desks) { d.conn.online = true; d.conn.crashArmed = false; d.engine.setOnline(true); }
  for (let i = 0; i < 200; i++) {
    wecom.flushLate();
    for (const d of desks) await tick(d);
    if (desks.every((d) => d.engine.status().openOps === 0)) break;
    await clock.sleep(i < 50 ? 20_000 : 300_000);
  }
  for (const d of desks) await d.engine.refreshCustomers(d.externals);

  // --- checks -----------------------------------------------------------------------------------
  const st = wecom.rt.state;
  let lost = 0;
  let diverged = 0;
  let untouchedChanged = 0;
  let parked = 0;
  const deskOf = new Map(desks.map((d) => [d.member, d]));
  const openConflictOps = new Map(desks.map((d) => [d.member, new Set(openConflicts(d.db, 100_000).map((c) => c.opId))]));
  const named = new Map<string, Set<string>>();
  // An op re-resolved twice (a group rebuilt twice) named every id it was rewritten to: the audit trail has them.
  const rewrites = new Map<string, string[]>();
  for (const d of desks) {
    for (const e of auditEvents(d.db, 'enterprise', 1, 1_000_000)) {
      if (e.body.type !== 'outbox.rewrite') continue;
      const id = String(e.body.opId);
      rewrites.set(id, [...(rewrites.get(id) ?? []), String(e.body.fromTagId), String(e.body.toTagId)]);
    }
  }
  for (const c of createdOps) {
    const d = deskOf.get(c.member)!;
    const op = getOp(d.db, c.opId);
    const ok = op && (op.state === 'applied' || (op.state === 'dropped' && !!op.error) || (op.state === 'parked' && openConflictOps.get(c.member)!.has(op.opId)));
    if (!ok) { lost++; notes.push(`lost ${c.opId} (${op?.state ?? 'missing'})`); continue; }
    if (op.state === 'parked') parked++;
    const key = `${c.member}|${c.external}`;
    const set = named.get(key) ?? new Set<string>();
    for (const t of [...opTargets(op).keys(), ...c.tags, ...(rewrites.get(op.opId) ?? [])]) set.add(t);
    named.set(key, set);
  }
  // The engine wrote only tags some op of that pair named (original ids are rewritten in place, so collect from the ledger of rewrites too).
  for (const w of wecom.engineWrites) {
    const set = named.get(`${w.member}|${w.external}`) ?? new Set<string>();
    for (const t of [...w.add, ...w.remove]) if (!set.has(t)) { untouchedChanged++; notes.push(`untouched ${t} written on ${w.member}/${w.external}`); }
  }
  for (const d of desks) {
    for (const external of d.externals) {
      const server = new Set((st.relation(d.member, external)?.tag_ids ?? []).filter((t) => st.activeTag(t)));
      const local = new Set(effectiveTagsFor(d.db, d.member, external)?.effective ?? []);
      if (server.size !== local.size || [...server].some((t) => !local.has(t))) { diverged++; notes.push(`diverged ${d.member}/${external}`); continue; }
      // The user's last decision on each tag stands unless someone else changed that tag after the engine wrote it.
      const ops = createdOps.filter((c) => c.member === d.member && c.external === external).map((c) => getOp(d.db, c.opId)!).sort((a, b) => a.seq - b.seq);
      const last = new Map<string, { want: boolean; state: string }>();
      for (const op of ops) for (const [t, want] of opTargets(op)) last.set(t, { want, state: op.state });
      for (const [t, l] of last) {
        if (l.state !== 'applied' || !st.activeTag(t)) continue;
        if (wecom.writerOf(d.member, external, t) === 'colleague') continue;
        if (server.has(t) !== l.want) {
          diverged++;
          notes.push(`intent lost ${d.member}/${external} ${t}`);
          if (process.env.SYNC_SIM_DUMP) for (const op of ops) console.log('OP', op.seq, op.kind, op.state, op.tagId, JSON.stringify(op.payload), op.createdAt, op.error);
        }
      }
    }
  }
  const duplicated = wecom.stats.duplicatedWrites;
  for (const x of wecom.duplicates) notes.push(`duplicate ${x}`);
  if (wecom.stats.pairOverlaps > 0) notes.push(`pair overlaps ${wecom.stats.pairOverlaps}`);
  if (wecom.stats.maxConcurrentMarkTag > 5) notes.push(`mark_tag concurrency ${wecom.stats.maxConcurrentMarkTag}`);
  const trace = createHash('sha256').update(wecom.requestLog.join('\n')).digest('hex').slice(0, 16);
  for (const d of desks) d.db.close();
  const ok = lost === 0 && duplicated === 0 && diverged === 0 && untouchedChanged === 0 && wecom.stats.pairOverlaps === 0 && wecom.stats.maxConcurrentMarkTag <= 5;
  return { seed, ops: createdOps.length, lost, duplicated, diverged, untouchedChanged, parked, requests: wecom.stats.requests, trace, ok, notes };
}

export interface SimSummary { seeds: number; ops: number; lost: number; duplicated: number; diverged: number; untouchedChanged: number; failures: number[] }

export async function runSeeds(from: number, count: number, opts: ScenarioOptions = {}, onSeed?: (r: SeedResult) => void): Promise<SimSummary> {
  const sum: SimSummary = { seeds: 0, ops: 0, lost: 0, duplicated: 0, diverged: 0, untouchedChanged: 0, failures: [] };
  for (let s = from; s < from + count; s++) {
    const r = await runSeed(s, opts);
    onSeed?.(r);
    sum.seeds++;
    sum.ops += r.ops;
    sum.lost += r.lost;
    sum.duplicated += r.duplicated;
    sum.diverged += r.diverged;
    sum.untouchedChanged += r.untouchedChanged;
    if (!r.ok) sum.failures.push(s);
  }
  return sum;
}
