// The automation engine on the team server: stores behaviour events, runs enabled rules on each
// new event at once and over the last 30 days in a nightly pass, holds a rule that would touch
// too large a share of customers, writes every change through one batch per run (so a run is
// undoable) with provenance per assignment, reverts one assignment and mutes a rule for a
// customer, and removes tags whose expiry has come. Runs are serialised, and each firing is
// recorded once, so replayed events and repeated passes change nothing.
import type { AutomationRule } from '../../../src-shared/policy/index';
import type { StoredEvent, TagChangeSeen } from '../../../src-shared/automation/index';
import { triggerEventKinds } from '../../../src-shared/automation/index';
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import type { BatchChange } from '../batches/batch-store';
import type { BatchProgress } from '../batches/batch-service';
import { relationKey, membersInScope } from '../admin/relations';
import { catalogGroups } from '../admin/selection';
import { createAutomationStore, type AutomationStore, type ProvenanceRow } from './automation-store';
import { createPlanCache, planRule, relationsOf, type PlanCache, type RulePlan } from './planner';
import { expireDue, type ExpiryResult } from './expiry';

export interface RunResult {
  ruleId: string;
  version: number;
  status: 'applied' | 'held' | 'nothing';
  customers: number;
  relations: number;
  approvals: number;
  batchId: string | null;
  /** Share of the company's customers the run touches, and the rule's limit. */
  share: number;
  maxShare: number;
}

export type AutomationService = ReturnType<typeof createAutomationService>;

const services = new WeakMap<TeamContext, AutomationService>();
export function automationOf(ctx: TeamContext): AutomationService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = createAutomationService(ctx)));
  return s;
}

const DAY = 86_400_000;

function createAutomationService(ctx: TeamContext) {
  const store: AutomationStore = createAutomationStore(ctx.db);
  let chain: Promise<unknown> = Promise.resolve();
  /** One run at a time: two requests for the same customer must not both see a firing as new. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn, fn);
    chain = p.catch(() => undefined);
    return p;
  };
  const enabledRules = (): AutomationRule[] => ctx.policy.current().automationRules.filter((r) => r.enabled);
  const admins = (): string[] => ctx.directory.members().filter((m) => m.role === 'admin' && m.active).map((m) => m.userid);

  const touched = (plan: RulePlan): number => plan.customers.filter((c) => c.changes.some((x) => x.add.length || x.remove.length)).length;

  /** Executes a plan: the share guard, one batch, approvals, notices, provenance and firings. */
  async function execute(plan: RulePlan, mode: 'live' | 'nightly'): Promise<RunResult> {
    const { rule } = plan;
    const now = ctx.now().getTime();
    let wouldTouch = touched(plan);
    if (mode === 'live') wouldTouch += store.customersFiredSince(rule.id, now - DAY);
    const share = plan.totalCustomers > 0 ? wouldTouch / plan.totalCustomers : 0;
    const base = { ruleId: rule.id, version: rule.version, maxShare: rule.maxShareWithoutConfirm, share };
    const hold = store.hold(rule.id, rule.version);
    if (hold?.status === 'held' || (share > rule.maxShareWithoutConfirm && hold?.status !== 'confirmed')) {
      if (store.putHold(rule.id, rule.version, wouldTouch, plan.totalCustomers, now)) {
        ctx.db.transaction(() => {
          ctx.audit.append({ actor: `automation:${rule.id}`, source: 'automation', action: 'automation.hold', target: { kind: 'catalog' }, before: null, after: { ruleId: rule.id, version: rule.version, wouldTouch, customers: plan.totalCustomers } });
          ctx.events.append({ kind: 'admin.alert', code: 'automation.held', message: `自动化规则「${rule.name}」将影响 ${wouldTouch} 位客户（${Math.round(share * 100)}%），超过上限 ${Math.round(rule.maxShareWithoutConfirm * 100)}%，已暂停执行，请预览后确认。` }, admins());
        })();
        ctx.events.flush();
      }
      return { ...base, status: 'held', customers: wouldTouch, relations: 0, approvals: 0, batchId: null };
    }

    const changes: BatchChange[] = [];
    const merged = new Map<string, BatchChange>();
    for (const c of plan.customers) {
      for (const x of c.changes) {
        if (!x.add.length && !x.remove.length) continue;
        const k = relationKey(x.userid, x.externalUserid);
        const m = merged.get(k) ?? { userid: x.userid, externalUserid: x.externalUserid, add: [], remove: [] };
        for (const t of x.add) { m.remove = m.remove.filter((id) => id !== t.tagId); if (!m.add.includes(t.tagId)) m.add.push(t.tagId); }
        for (const t of x.remove) { m.add = m.add.filter((id) => id !== t.tagId); if (!m.remove.includes(t.tagId)) m.remove.push(t.tagId); }
        merged.set(k, m);
      }
    }
    for (const m of merged.values()) if (m.add.length || m.remove.length) changes.push(m);
    let batch: BatchProgress | null = null;
    if (changes.length) {
      const current = new Map([...plan.relations.entries()].map(([k, r]) => [k, r.tagIds] as const));
      const followers = new Map<string, string[]>();
      for (const r of plan.relations.values()) followers.set(r.externalUserid, [...(followers.get(r.externalUserid) ?? []), r.userid]);
      batch = await ctx.batches.create({
        kind: 'automation', source: 'automation', title: `自动化：${rule.name}`, actor: `automation:${rule.id}`, changes, current, followers, trusted: true,
        meta: { ruleId: rule.id, ruleVersion: rule.version, mode },
      });
      // The next rule plans on WeCom's state after this one (two rules moving the same
      // single-choice stage must not both see the old stage).
      await ctx.batches.idle(batch.id);
    }
    let approvals = 0;
    for (const c of plan.customers) {
      for (const x of c.changes) {
        for (const a of x.approvals) {
          // The request is the member's own (it is their relation); the id makes a re-run harmless.
          const requestId = uuidFrom(`${rule.id}|${c.externalUserid}|${x.userid}|${a.groupName}|${a.tagName}|${x.firing.key}`);
          try {
            await ctx.approvals.file(x.userid, 'automation', {
              requestId, kind: 'sensitive_tag', userid: x.userid, externalUserid: c.externalUserid,
              ...(a.tagId ? { tagId: a.tagId } : { groupId: a.groupId!, proposedName: a.tagName }),
              reason: `自动化规则「${rule.name}」（v${rule.version}）：${x.firing.reason}`, findings: [],
            });
            approvals++;
          } catch (e) {
            ctx.log.warn({ err: e, ruleId: rule.id }, 'automation: approval request refused');
          }
        }
      }
    }
    ctx.db.transaction(() => {
      for (const c of plan.customers) {
        for (const f of c.skipped) store.recordFiring({ ruleId: rule.id, externalUserid: c.externalUserid, key: f.key, version: rule.version, eventId: f.eventId, at: f.at, batchId: null, outcome: 'conditions_false' });
        for (const f of c.firings) {
          const xs = c.changes.filter((x) => x.firing.key === f.key);
          const applied = xs.some((x) => x.add.length || x.remove.length);
          store.recordFiring({ ruleId: rule.id, externalUserid: c.externalUserid, key: f.key, version: rule.version, eventId: f.eventId, at: f.at, batchId: applied ? batch!.id : null, outcome: applied ? 'applied' : xs.some((x) => x.approvals.length) ? 'approval' : 'no_change' });
          for (const x of xs) {
            const prov = { ruleId: rule.id, ruleVersion: rule.version, ruleName: rule.name, fireKey: f.key, eventId: f.eventId, reason: f.reason, batchId: batch?.id ?? null, userid: x.userid, externalUserid: c.externalUserid, at: now };
            for (const t of x.add) {
              store.addProvenance({ ...prov, tagId: t.tagId, action: 'add', expiresAt: x.expiries[t.tagId] ?? null });
              store.resetClock(x.userid, c.externalUserid, t.tagId, now);
            }
            for (const t of x.remove) store.addProvenance({ ...prov, tagId: t.tagId, action: 'remove', expiresAt: null });
            for (const [tagId, due] of Object.entries(x.expiries)) {
              if (!x.add.some((t) => t.tagId === tagId)) store.addProvenance({ ...prov, tagId, action: 'expiry', expiresAt: due });
            }
            for (const message of x.notify) {
              ctx.events.append({ kind: 'automation.notice', ruleId: rule.id, ruleName: rule.name, externalUserid: c.externalUserid, customerName: x.customerName, message }, [x.userid]);
            }
          }
        }
      }
      if (plan.customers.length) {
        ctx.audit.append({ actor: `automation:${rule.id}`, source: 'automation', action: 'automation.run', target: { kind: 'catalog' }, before: null, after: { ruleId: rule.id, version: rule.version, mode, customers: plan.customers.length, relations: changes.length, approvals, batchId: batch?.id ?? null } });
      }
    })();
    ctx.events.flush();
    return { ...base, status: changes.length ? 'applied' : 'nothing', customers: touched(plan), relations: changes.length, approvals, batchId: batch?.id ?? null };
  }

  async function runRule(rule: AutomationRule, opts: { customers?: string[]; tagChanges?: Map<string, TagChangeSeen[]>; mode: 'live' | 'nightly'; cache?: PlanCache }): Promise<RunResult> {
    const cache = opts.cache ?? createPlanCache(ctx);
    const plan = await planRule(ctx, store, rule, { now: ctx.now().getTime(), skipFired: true, cache, ...(opts.customers ? { customers: opts.customers } : {}), ...(opts.tagChanges ? { tagChanges: opts.tagChanges } : {}) });
    const result = await execute(plan, opts.mode);
    if (result.batchId) {
      // execute() waited for the batch: what reached WeCom is exactly its done items.
      const done = ctx.batches.store.items(result.batchId, { status: 'done', offset: 0, limit: 100_000 });
      await cache.applied(done);
    }
    return result;
  }

  // Tag changes made by people (relay, bulk, import…) can trigger rules; the rules' own writes cannot,
  // so two rules can never feed each other in a loop.
  const pendingChanges = new Map<string, TagChangeSeen[]>();
  let flushScheduled = false;
  function watch(): void {
    ctx.audit.onAppend((e) => {
      if (e.target.kind !== 'relationTag' || (e.action !== 'tag.add' && e.action !== 'tag.remove') || e.source === 'automation') return;
      const value = (e.action === 'tag.add' ? e.after : e.before) as { tagName?: string | null; groupName?: string | null } | null;
      if (!value?.tagName || !value.groupName) return;
      if (!enabledRules().some((r) => r.trigger.kind === 'tagChanged')) return;
      const list = pendingChanges.get(e.target.customer) ?? [];
      list.push({ key: `${e.seq}`, change: e.action === 'tag.add' ? 'added' : 'removed', groupName: value.groupName, tagName: value.tagName, at: Date.parse(e.at) });
      pendingChanges.set(e.target.customer, list);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(() => {
          flushScheduled = false;
          const batch = new Map(pendingChanges);
          pendingChanges.clear();
          void serial(async () => {
            const cache = createPlanCache(ctx);
            for (const rule of enabledRules().filter((r) => r.trigger.kind === 'tagChanged')) {
              await runRule(rule, { customers: [...batch.keys()], tagChanges: batch, mode: 'live', cache });
            }
          }).catch((err: unknown) => ctx.log.warn({ err }, 'automation: tag-change rules failed'));
        });
      }
    });
  }

  const service = {
    store,
    watch,

    /** Stores new events and runs the rules they can trigger at once. */
    ingest(events: readonly StoredEvent[], origin: 'webhook' | 'csv' | 'demo'): Promise<{ accepted: number; duplicates: number; runs: RunResult[] }> {
      const receivedAt = ctx.now().getTime();
      const fresh = ctx.db.transaction(() => events.filter((e) => store.addEvent(e, origin, receivedAt)))();
      return serial(async () => {
        const runs: RunResult[] = [];
        const cache = createPlanCache(ctx);
        for (const rule of enabledRules()) {
          const kinds = new Set(triggerEventKinds(rule.trigger));
          const customers = [...new Set(fresh.filter((e) => kinds.has(e.kind)).map((e) => e.externalUserid))];
          if (customers.length === 0) continue;
          try {
            runs.push(await runRule(rule, { customers, mode: 'live', cache }));
          } catch (e) {
            ctx.log.warn({ err: e, ruleId: rule.id }, 'automation: live run failed');
          }
        }
        return { accepted: fresh.length, duplicates: events.length - fresh.length, runs };
      });
    },

    /** Every enabled rule over the last 30 days (what was not acted on yet), then due expiries. */
    nightly(ruleId?: string): Promise<{ runs: RunResult[]; expiry: ExpiryResult }> {
      return serial(async () => {
        const runs: RunResult[] = [];
        const cache = createPlanCache(ctx);
        for (const rule of enabledRules().filter((r) => !ruleId || r.id === ruleId)) runs.push(await runRule(rule, { mode: 'nightly', cache }));
        const expiry = ruleId ? { removed: 0, relations: 0, batchId: null } : await expireDue(ctx, store, ctx.now().getTime());
        return { runs, expiry };
      });
    },

    expire(at: number): Promise<ExpiryResult> {
      return serial(() => expireDue(ctx, store, at));
    },

    /** What the rule would do over the last `days` of stored events — nothing is written. */
    async backtest(rule: AutomationRule, days: number) {
      const plan = await planRule(ctx, store, rule, { now: ctx.now().getTime(), skipFired: false, days });
      const wouldTouch = touched(plan);
      const share = plan.totalCustomers > 0 ? wouldTouch / plan.totalCustomers : 0;
      const diff = plan.customers.flatMap((c) => c.changes.map((x) => ({
        externalUserid: c.externalUserid, customerName: x.customerName, userid: x.userid, firedAt: new Date(x.firing.at).toISOString(), reason: x.firing.reason,
        add: x.add, remove: x.remove, approvals: x.approvals.map((a) => ({ groupName: a.groupName, tagName: a.tagName })), refused: x.refused,
      })));
      return {
        ruleId: rule.id, days, from: new Date(plan.from).toISOString(), to: new Date(plan.to).toISOString(),
        firings: plan.customers.reduce((s, c) => s + c.firings.length, 0),
        matchedCustomers: plan.customers.filter((c) => c.firings.length > 0).length,
        wouldChangeCustomers: wouldTouch,
        wouldChangeRelations: diff.filter((d) => d.add.length || d.remove.length).length,
        // Customers the rule fires for whose tags are already what it would make them.
        alreadyAsToday: plan.customers.filter((c) => c.firings.length > 0 && !c.changes.some((x) => x.add.length || x.remove.length || x.approvals.length)).length,
        approvals: diff.reduce((s, d) => s + d.approvals.length, 0),
        totalCustomers: plan.totalCustomers, share, wouldHold: share > rule.maxShareWithoutConfirm,
        diff: diff.slice(0, 500), truncated: diff.length > 500,
      };
    },

    /** Lets a held rule version run after an admin saw the preview; runs it at once. */
    async confirm(viewer: string, ruleId: string): Promise<RunResult> {
      const rule = ctx.policy.current().automationRules.find((r) => r.id === ruleId);
      if (!rule) throw new TeamHttpError('not_found', `no automation rule ${ruleId}`, '找不到该自动化规则。');
      const hold = store.hold(rule.id, rule.version);
      ctx.db.transaction(() => {
        store.confirmHold(rule.id, rule.version, viewer, hold?.wouldTouch ?? 0, hold?.customers ?? 0, ctx.now().getTime());
        ctx.audit.append({ actor: viewer, source: 'automation', action: 'automation.confirm', target: { kind: 'catalog' }, before: hold ? { status: hold.status } : null, after: { ruleId: rule.id, version: rule.version } });
      })();
      const r = await service.nightly(rule.id);
      return r.runs[0] ?? { ruleId, version: rule.version, status: 'nothing', customers: 0, relations: 0, approvals: 0, batchId: null, share: 0, maxShare: rule.maxShareWithoutConfirm };
    },

    /** Provenance of automatic assignments on a customer, for relations the viewer may see. */
    provenance(viewer: string, externalUserid: string, userid?: string, tagId?: string): (ProvenanceRow & { tagName: string | null; groupName: string | null; event: { kind: string; at: number; data: Record<string, unknown> } | null })[] {
      const scope = new Set(membersInScope(ctx, viewer).map((m) => m.userid));
      const rows = store.provenanceOf(externalUserid, userid, tagId).filter((p) => scope.has(p.userid));
      const names = new Map(ctx.catalog.groups().flatMap((g) => (g.tag ?? []).map((t) => [t.id, { tagName: t.name, groupName: g.group_name }] as const)));
      // The triggering event (the clicked link, the chat message) so the chip can say what happened.
      const eventOf = (id: string | null) => {
        const e = id ? store.event(id) : null;
        return e ? { kind: e.kind, at: e.at, data: e.data } : null;
      };
      return rows.map((p) => ({ ...p, tagName: names.get(p.tagId)?.tagName ?? null, groupName: names.get(p.tagId)?.groupName ?? null, event: eventOf(p.eventId) }));
    },

    /**
     * Reverts one automatic assignment through a batch (the viewer's own rights are checked like
     * any change), audited; `mute` keeps the rule off this customer from now on.
     */
    async revert(viewer: string, provenanceId: string, mute: boolean): Promise<{ provenance: ProvenanceRow; batch: BatchProgress | null; muted: boolean }> {
      const p = store.provenance(provenanceId);
      const me = ctx.directory.member(viewer);
      if (!p || !me || !membersInScope(ctx, viewer).some((m) => m.userid === p.userid)) throw new TeamHttpError('not_found', `no automatic assignment ${provenanceId} visible to ${viewer}`, '找不到这条自动打标记录。');
      if (p.revertedAt) throw new TeamHttpError('conflict', 'already reverted', '这条自动打标已经撤销过了。');
      if (p.action === 'expiry') throw new TeamHttpError('conflict', 'an expiry is not an assignment', '到期设置不能单独撤销。');
      await catalogGroups(ctx);
      const rel = (await relationsOf(ctx, [p.externalUserid])).find((r) => r.userid === p.userid);
      const has = rel?.tagIds.includes(p.tagId) ?? false;
      // Only what is still as the rule left it is changed back; a person's later edit wins.
      const change: BatchChange | null = p.action === 'add' && has ? { userid: p.userid, externalUserid: p.externalUserid, add: [], remove: [p.tagId] }
        : p.action === 'remove' && rel && !has ? { userid: p.userid, externalUserid: p.externalUserid, add: [p.tagId], remove: [] } : null;
      let batch: BatchProgress | null = null;
      if (change) {
        batch = await ctx.batches.create({
          kind: 'automation-revert', source: 'revert', title: `撤销自动打标：${p.ruleName}`, actor: viewer, changes: [change],
          current: new Map([[relationKey(p.userid, p.externalUserid), rel?.tagIds ?? []]]), meta: { provenanceId: p.id, ruleId: p.ruleId },
        });
      }
      ctx.db.transaction(() => {
        const now = ctx.now().getTime();
        store.markReverted(p.id, viewer, now, batch?.id ?? null);
        if (p.action === 'add') store.dropClock(p.userid, p.externalUserid, p.tagId);
        ctx.audit.append({
          actor: viewer, ...(viewer !== p.userid ? { onBehalfOf: p.userid } : {}), source: 'automation', action: 'automation.revert',
          target: { kind: 'relationTag', member: p.userid, customer: p.externalUserid, tagId: p.tagId },
          before: { provenanceId: p.id, ruleId: p.ruleId, ruleVersion: p.ruleVersion, action: p.action }, after: { batchId: batch?.id ?? null, muted: mute },
        });
        if (mute) store.mute(p.ruleId, p.externalUserid, viewer, now);
      })();
      return { provenance: store.provenance(p.id)!, batch, muted: mute };
    },

    holds: () => store.holds(),
    idle: (): Promise<unknown> => chain,
  };
  return service;
}

/** A stable UUID (v4 layout) from a string, so re-filing the same approval is recognised. */
function uuidFrom(s: string): string {
  let h1 = 0x811c9dc5, h2 = 0x01000193, h3 = 0x9e3779b9, h4 = 0x85ebca6b;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619); h2 = Math.imul(h2 ^ c, 2246822519); h3 = Math.imul(h3 ^ c, 3266489917); h4 = Math.imul(h4 ^ c, 668265263);
  }
  const hex = [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Starts the automation engine for a server: rules triggered by people's tag changes, and the
 * nightly pass (every enabled rule over the last 30 days, then expiries) once a day at 03:00
 * China time. Returns the stop function.
 */
export function startAutomation(ctx: TeamContext): () => void {
  const service = automationOf(ctx);
  service.watch();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = (): void => {
    const now = ctx.now().getTime();
    const china = now + 8 * 3_600_000;
    const next = china - (china % DAY) + 3 * 3_600_000 + (china % DAY >= 3 * 3_600_000 ? DAY : 0) - 8 * 3_600_000;
    timer = setTimeout(() => {
      service.nightly().catch((e: unknown) => ctx.log.warn({ err: e }, 'automation: nightly pass failed')).finally(schedule);
    }, Math.max(1000, next - now));
    timer.unref();
  };
  schedule();
  return () => {
    if (timer) clearTimeout(timer);
  };
}
