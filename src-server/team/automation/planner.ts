// Plans what one automation rule would do for a set of customers: their stored events through
// the core's evaluator, the rule's conditions against WeCom's tags as they are now, and the
// actions on the relations the rule names (the owner by default). Nothing is written here —
// the backtest shows a plan, the live path and the nightly pass execute one.
import type { AutomationRule } from '../../../src-shared/policy/index';
import { attributeHolds, planActions, triggerFirings, type Firing, type TagChangeSeen } from '../../../src-shared/automation/index';
import { compileTagQuery, TagQueryError } from '../../../src-shared/tagquery/index';
import type { TagGroup } from '../../../src-shared/domain/index';
import { RELAY_ERRCODES } from '../../../src-shared/team-api/errors';
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import { catalogGroups } from '../admin/selection';
import { loadRelations, relationKey, type RelationRow } from '../admin/relations';
import { callOk } from '../upstream';
import type { AutomationStore } from './automation-store';

export const BACKTEST_DAYS = 30;
const DAY = 86_400_000;

export interface TagNamed { tagId: string; groupName: string; tagName: string }

export interface RelationChange {
  userid: string;
  externalUserid: string;
  customerName: string;
  add: TagNamed[];
  remove: TagNamed[];
  /** Expiry (ms) per tag id this plan adds or extends. */
  expiries: Record<string, number>;
  /** Tags that need a supervisor's approval first: filed as requests, never sent. */
  approvals: { groupName: string; tagName: string; tagId: string | null; groupId: string | null; why: string }[];
  /** Tags refused outright (policy, linter block, unknown group). */
  refused: { groupName: string; tagName: string; why: string }[];
  notify: string[];
  firing: Firing;
}

export interface CustomerPlan {
  externalUserid: string;
  firings: Firing[];
  /** Firings whose conditions did not hold (recorded so they are not re-evaluated). */
  skipped: Firing[];
  changes: RelationChange[];
}

export interface RulePlan {
  rule: AutomationRule;
  from: number;
  to: number;
  customers: CustomerPlan[];
  /** Customers with relations the rule can see (the share guard's denominator). */
  totalCustomers: number;
  relations: Map<string, RelationRow>;
}

export interface PlanOptions {
  now: number;
  /** Only these customers (the live path); absent = every customer with relevant history. */
  customers?: readonly string[];
  /** Leave out firings already acted on (live and nightly), keep them (backtest). */
  skipFired: boolean;
  tagChanges?: Map<string, TagChangeSeen[]>;
  days?: number;
  /** Reads shared by the rules of one run (see `createPlanCache`). */
  cache?: PlanCache;
}

/**
 * One catalog read and one read per customer (or one of every relation) for all the rules an
 * ingest or a nightly pass evaluates; `invalidate()` after a run wrote to WeCom, so the next
 * rule sees what the previous one did.
 */
export interface PlanCache {
  catalog(): Promise<TagGroup[]>;
  relations(customers: readonly string[] | null): Promise<RelationRow[]>;
  /** Applies changes that reached WeCom to the copies read so far (cheaper than reading again). */
  applied(changes: readonly { userid: string; externalUserid: string; add: readonly string[]; remove: readonly string[] }[]): Promise<void>;
  invalidate(): void;
}

export function createPlanCache(ctx: TeamContext): PlanCache {
  let catalog: Promise<TagGroup[]> | null = null;
  let all: Promise<RelationRow[]> | null = null;
  const byCustomer = new Map<string, RelationRow[]>();
  return {
    catalog: () => (catalog ??= catalogGroups(ctx)),
    async relations(customers) {
      if (customers && customers.length <= 20 && !all) {
        const missing = customers.filter((c) => !byCustomer.has(c));
        if (missing.length) {
          const read = await relationsOf(ctx, missing);
          for (const c of missing) byCustomer.set(c, read.filter((r) => r.externalUserid === c));
        }
        return customers.flatMap((c) => byCustomer.get(c) ?? []);
      }
      const rows = await (all ??= relationsOf(ctx, null));
      if (!customers) return rows;
      const wanted = new Set(customers);
      return rows.filter((r) => wanted.has(r.externalUserid));
    },
    async applied(changes) {
      const byKey = new Map(changes.map((c) => [relationKey(c.userid, c.externalUserid), c] as const));
      const patch = (r: RelationRow): void => {
        const c = byKey.get(relationKey(r.userid, r.externalUserid));
        if (c) r.tagIds = [...r.tagIds.filter((t) => !c.remove.includes(t)), ...c.add.filter((t) => !r.tagIds.includes(t))];
      };
      if (all) (await all).forEach(patch);
      for (const rows of byCustomer.values()) rows.forEach(patch);
    },
    invalidate() {
      all = null;
      byCustomer.clear();
    },
  };
}

/** Relations of the given customers: one WeCom read each for a few, every member's list for many. */
export async function relationsOf(ctx: TeamContext, customers: readonly string[] | null): Promise<RelationRow[]> {
  if (customers && customers.length <= 20) {
    const out: RelationRow[] = [];
    for (const external of customers) {
      let r: { external_contact?: { name?: string; corp_name?: string }; follow_user?: { userid: string; createtime?: number; tags?: { tag_id: string; type?: number }[] }[] };
      try {
        r = (await callOk(ctx.upstream, 'GET', '/cgi-bin/externalcontact/get', { external_userid: external })) as typeof r;
      } catch {
        continue; // not (or no longer) a customer: nothing to act on
      }
      for (const f of r.follow_user ?? []) {
        out.push({ userid: f.userid, externalUserid: external, customerName: r.external_contact?.name ?? '', corpName: r.external_contact?.corp_name ?? '', tagIds: (f.tags ?? []).filter((t) => (t.type ?? 1) === 1).map((t) => t.tag_id), createtime: f.createtime ?? 0 });
      }
    }
    return out;
  }
  const all = await loadRelations(ctx, ctx.directory.members().filter((m) => m.active).map((m) => m.userid));
  if (!customers) return all;
  const wanted = new Set(customers);
  return all.filter((r) => wanted.has(r.externalUserid));
}

/** The relation(s) the rule acts on for this customer. */
function targetsOf(rule: AutomationRule, relations: readonly RelationRow[], firingUser: string | null): RelationRow[] {
  if (relations.length === 0) return [];
  if (rule.actsOn === 'allFollowers') return [...relations];
  const owner = [...relations].sort((a, b) => a.createtime - b.createtime || (a.userid < b.userid ? -1 : 1))[0]!;
  if (rule.actsOn === 'triggeringMember' && firingUser) return [relations.find((r) => r.userid === firingUser) ?? owner];
  return [owner];
}

/** Checks a rule's references against the catalog: unknown groups and tag queries are refused at save. */
export function checkRuleAgainstCatalog(rule: AutomationRule, catalog: readonly TagGroup[]): string[] {
  const problems: string[] = [];
  for (const c of rule.conditions) {
    if (c.kind !== 'tags') continue;
    try {
      compileTagQuery(c.expression, catalog);
    } catch (e) {
      problems.push(e instanceof TagQueryError ? e.message : String(e));
    }
  }
  for (const a of rule.actions) {
    if (a.kind === 'notifyMember') continue;
    const g = catalog.find((x) => x.name === a.tag.groupName);
    if (!g) problems.push(`找不到标签组「${a.tag.groupName}」`);
    else if (a.kind !== 'addTag' && !g.tags.some((t) => t.name === a.tag.tagName)) problems.push(`标签组「${a.tag.groupName}」中没有标签「${a.tag.tagName}」`);
  }
  return problems;
}

export async function planRule(ctx: TeamContext, store: AutomationStore, rule: AutomationRule, opts: PlanOptions): Promise<RulePlan> {
  const cache = opts.cache ?? createPlanCache(ctx);
  const catalog = await cache.catalog();
  const to = opts.now;
  const from = to - (opts.days ?? BACKTEST_DAYS) * DAY;
  const trig = rule.trigger;
  const lookback = trig.kind === 'eventCount' ? trig.withinHours * 3_600_000 : trig.kind === 'keyword' ? 31 * DAY : 0;
  const queries = rule.conditions.flatMap((c) => (c.kind === 'tags' ? [compileTagQuery(c.expression, catalog)] : []));

  // Who to look at: customers with relevant history, or the live path's customers.
  let candidates: string[];
  // Purchase totals and RFM need every order, not just the window's.
  const wholeHistory = trig.kind === 'timeSince' || rule.conditions.some((c) => c.kind === 'attribute' && ['purchase_amount', 'order_count', 'rfm_segment'].includes(c.attribute));
  const eventsFrom = wholeHistory ? 0 : from - lookback;
  const history = opts.customers ? null : store.eventsByCustomer(eventsFrom, to);
  if (opts.customers) candidates = [...new Set(opts.customers)];
  else if (trig.kind === 'tagChanged') candidates = [...(opts.tagChanges?.keys() ?? [])];
  else if (trig.kind === 'timeSince' && trig.since !== 'last_purchase') candidates = [];
  else candidates = [...history!.keys()];

  const needAll = !opts.customers || (trig.kind === 'timeSince' && trig.since !== 'last_purchase');
  const relations = await cache.relations(needAll ? null : candidates);
  if (trig.kind === 'timeSince' && trig.since !== 'last_purchase' && !opts.customers) candidates = [...new Set(relations.map((r) => r.externalUserid))];
  const byCustomer = new Map<string, RelationRow[]>();
  for (const r of relations) byCustomer.set(r.externalUserid, [...(byCustomer.get(r.externalUserid) ?? []), r]);
  const tagIndex = new Map(catalog.flatMap((g) => g.tags.map((t) => [t.id, { group: g, tag: t }] as const)));
  const named = (id: string): TagNamed => ({ tagId: id, groupName: tagIndex.get(id)?.group.name ?? '', tagName: tagIndex.get(id)?.tag.name ?? id });
  const policy = ctx.policy.current();
  const linter = ctx.rulePacks.linterFor(policy);
  const groupTtl = new Map(policy.tagGroups.filter((g) => g.ttlHours !== undefined).map((g) => [g.groupId, g.ttlHours!]));

  const customers: CustomerPlan[] = [];
  for (const external of candidates) {
    const rels = byCustomer.get(external) ?? [];
    if (rels.length === 0) continue;
    if (store.muted(rule.id, external)) continue;
    const events = history ? history.get(external) ?? [] : store.eventsOf(external, eventsFrom, to);
    const owner = targetsOf({ ...rule, actsOn: 'owner' }, rels, null)[0]!;
    const firings = triggerFirings(trig, {
      events, from, to,
      relationCreatedAt: owner.createtime ? owner.createtime * 1000 : null,
      tagChanges: opts.tagChanges?.get(external) ?? [],
    }).filter((f) => !opts.skipFired || !store.fired(rule.id, external, f.key));
    if (firings.length === 0) continue;
    const plan: CustomerPlan = { externalUserid: external, firings: [], skipped: [], changes: [] };
    // Tags as they would be after each firing, so a later firing sees what an earlier one did.
    const state = new Map(rels.map((r) => [relationKey(r.userid, r.externalUserid), new Set(r.tagIds)]));
    for (const f of firings) {
      const union = new Set([...state.values()].flatMap((s) => [...s]));
      const trigger = f.eventId ? events.find((e) => e.id === f.eventId) ?? null : null;
      const ok = queries.every((q) => q.matches(union)) && rule.conditions.every((c) => c.kind !== 'attribute' || attributeHolds(c, { events: events.filter((e) => e.at <= f.at), trigger, customerType: owner.corpName ? 'corp' : 'wechat', now: f.at, rfmThresholds: policy.rfmThresholds }));
      if (!ok) { plan.skipped.push(f); continue; }
      plan.firings.push(f);
      for (const target of targetsOf(rule, rels, trigger?.userid ?? null)) {
        const cur = state.get(relationKey(target.userid, target.externalUserid))!;
        const p = planActions(rule.actions, cur, catalog, f.at);
        const change: RelationChange = { userid: target.userid, externalUserid: external, customerName: target.customerName, add: [], remove: p.remove.map(named), expiries: {}, approvals: [], refused: [], notify: p.notify, firing: f };
        for (const id of p.add) {
          const n = named(id);
          const g = tagIndex.get(id)!.group;
          const verdict = ctx.governance.applyTag({ userid: target.userid, deviceId: 'automation' }, target.userid, external, { tagId: id, tagName: n.tagName, groupId: g.id, groupName: g.name }, 'add');
          const lint = linter.lint(n.tagName, { field: 'tag' });
          if (verdict?.errcode === RELAY_ERRCODES.needsApproval || lint.verdict === 'approval') {
            change.approvals.push({ groupName: n.groupName, tagName: n.tagName, tagId: id, groupId: g.id, why: verdict?.reason ?? lint.findings.map((x) => x.message).join('；') });
          } else if (lint.verdict === 'block') {
            change.refused.push({ groupName: n.groupName, tagName: n.tagName, why: lint.findings.map((x) => x.message).join('；') });
          } else {
            change.add.push(n);
            cur.add(id);
            const ttl = groupTtl.get(g.id);
            const explicit = p.expiries.get(id);
            const due = [explicit, ttl !== undefined ? f.at + ttl * 3_600_000 : undefined].filter((x): x is number => x !== undefined);
            if (due.length) change.expiries[id] = Math.min(...due);
          }
        }
        for (const [id, due] of p.expiries) if (!p.add.includes(id)) change.expiries[id] = due;
        for (const r of p.remove) cur.delete(r);
        // A tag the catalog lacks is never created by a rule: a group that exists gets a request
        // for the new wording, so a person decides.
        for (const m of p.missing) {
          const g = catalog.find((x) => x.name === m.groupName);
          if (g) change.approvals.push({ ...m, tagId: null, groupId: g.id, why: '目录中还没有这个标签，需审批后创建' });
          else change.refused.push({ ...m, why: `找不到标签组「${m.groupName}」` });
        }
        if (change.add.length || change.remove.length || change.approvals.length || change.refused.length || change.notify.length || Object.keys(change.expiries).length) plan.changes.push(change);
      }
    }
    customers.push(plan);
  }
  const totalCustomers = needAll ? new Set(relations.map((r) => r.externalUserid)).size : await totalCustomerCount(ctx);
  return { rule, from, to, customers, totalCustomers, relations: new Map(relations.map((r) => [relationKey(r.userid, r.externalUserid), r])) };
}

let cachedTotal: { at: number; n: number; ctx: TeamContext } | null = null;
/** The company's customer count, read from WeCom at most every ten minutes. */
export async function totalCustomerCount(ctx: TeamContext): Promise<number> {
  if (cachedTotal && cachedTotal.ctx === ctx && Date.now() - cachedTotal.at < 600_000) return cachedTotal.n;
  const all = await relationsOf(ctx, null);
  cachedTotal = { at: Date.now(), n: new Set(all.map((r) => r.externalUserid)).size, ctx };
  return cachedTotal.n;
}

export const planError = (message: string): TeamHttpError => new TeamHttpError('bad_request', message, message);
