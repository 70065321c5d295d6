// The automation rules' pure evaluator: when does a rule's trigger fire for one customer, given
// that customer's stored behaviour events, and what does its action list change on a relation.
// The live path, the nightly pass and the backtest all call these same functions over the same
// events, so a backtest shows exactly what enabling the rule then does.
import type { AutomationRule } from '../policy/automation-rule';
import type { TagGroup } from '../domain/index';
import { BEHAVIOUR_EVENT_LABELS, spanText, type StoredEvent } from './events';
import { matchKeywords, synonymList, type KeywordHit } from './keywords';
import { DEFAULT_RFM_THRESHOLDS, rfmScore, type RfmThresholds } from './rfm';

export type AutomationTrigger = AutomationRule['trigger'];
export type AutomationCondition = AutomationRule['conditions'][number];
export type AutomationAction = AutomationRule['actions'][number];

/** One time the trigger fired: `key` is stable across runs, so a rule acts once per firing. */
export interface Firing {
  key: string;
  at: number;
  eventId: string | null;
  reason: string;
  keywordHits?: KeywordHit[];
}

export interface TagChangeSeen {
  key: string;
  change: 'added' | 'removed';
  groupName: string;
  tagName: string;
  at: number;
}

export interface TriggerInput {
  /** The customer's events, any order, reaching back at least one window before `from`. */
  events: readonly StoredEvent[];
  /** Firings at or after `from` and at or before `to` count. */
  from: number;
  to: number;
  /** When the acted-on relation was created (ms), for `timeSince relation_created`. */
  relationCreatedAt?: number | null;
  /** When the named tag was put on the relation (ms), for `timeSince tag_added`. */
  tagAddedAt?: number | null;
  tagChanges?: readonly TagChangeSeen[];
}

const HOUR = 3_600_000;
const CHINA_OFFSET = 8 * HOUR;

/** The day, ISO-ish week or month (China time) a moment falls in, as a stable bucket name. */
export function periodOf(at: number, per: 'day' | 'week' | 'month'): string {
  const d = new Date(at + CHINA_OFFSET);
  if (per === 'month') return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  const day = Math.floor((at + CHINA_OFFSET) / (24 * HOUR));
  if (per === 'day') return `d${day}`;
  // 1970-01-01 was a Thursday: shift so weeks start on Monday.
  return `w${Math.floor((day + 3) / 7)}`;
}

const byTime = (a: StoredEvent, b: StoredEvent): number => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function triggerFirings(trigger: AutomationTrigger, input: TriggerInput): Firing[] {
  const inRange = (t: number): boolean => t >= input.from && t <= input.to;
  // An event id counts once however often it was delivered.
  const events = [...new Map(input.events.map((e) => [e.id, e] as const)).values()].filter((e) => e.at <= input.to).sort(byTime);
  switch (trigger.kind) {
    case 'event':
      return events.filter((e) => e.kind === trigger.event && inRange(e.at)).map((e) => ({ key: `e:${e.id}`, at: e.at, eventId: e.id, reason: `${BEHAVIOUR_EVENT_LABELS[e.kind]}` }));
    case 'eventCount': {
      const window = trigger.withinHours * HOUR;
      const out: Firing[] = [];
      const seen: StoredEvent[] = [];
      let nextAllowed = -Infinity;
      for (const e of events) {
        if (e.kind !== trigger.event) continue;
        seen.push(e);
        while (seen.length > 0 && seen[0]!.at <= e.at - window) seen.shift();
        if (seen.length >= trigger.atLeast && inRange(e.at) && e.at >= nextAllowed) {
          out.push({ key: `c:${e.id}`, at: e.at, eventId: e.id, reason: `${spanText(trigger.withinHours)}内${BEHAVIOUR_EVENT_LABELS[e.kind]} ${seen.length} 次` });
          // One firing per window: the count has to build up again before the rule acts again.
          nextAllowed = e.at + window;
          seen.length = 0;
        }
      }
      return out;
    }
    case 'keyword': {
      const list = synonymList(trigger.synonymListId);
      if (!list) return [];
      const counts = new Map<string, number>();
      const out: Firing[] = [];
      for (const e of events) {
        if (e.kind !== 'chat_message' || e.data.from === 'member' || typeof e.data.text !== 'string') continue;
        const hits = matchKeywords(e.data.text, list);
        if (hits.length === 0) continue;
        const bucket = periodOf(e.at, trigger.per);
        const n = (counts.get(bucket) ?? 0) + 1;
        counts.set(bucket, n);
        if (n === trigger.minHits && inRange(e.at)) {
          out.push({ key: `k:${trigger.synonymListId}:${bucket}`, at: e.at, eventId: e.id, reason: `聊天关键词「${hits.map((h) => h.term).join('、')}」（${list.name}）`, keywordHits: hits });
        }
      }
      return out;
    }
    case 'timeSince': {
      const span = trigger.hours * HOUR;
      let start: { at: number; key: string } | null = null;
      if (trigger.since === 'last_purchase') {
        const last = events.filter((e) => e.kind === 'purchase').pop();
        if (last) start = { at: last.at, key: `t:p:${last.id}` };
      } else if (trigger.since === 'relation_created' && input.relationCreatedAt) {
        start = { at: input.relationCreatedAt, key: 't:rel' };
      } else if (trigger.since === 'tag_added' && input.tagAddedAt) {
        start = { at: input.tagAddedAt, key: `t:tag:${input.tagAddedAt}` };
      }
      if (!start || start.at + span > input.to) return [];
      return [{ key: start.key, at: Math.max(start.at + span, input.from), eventId: null, reason: `距${trigger.since === 'last_purchase' ? '上次购买' : trigger.since === 'tag_added' ? '打标签' : '添加好友'}已超过 ${spanText(trigger.hours)}` }];
    }
    case 'tagChanged':
      return (input.tagChanges ?? [])
        .filter((c) => c.change === trigger.change && c.groupName === trigger.tag.groupName && c.tagName === trigger.tag.tagName && inRange(c.at))
        .map((c) => ({ key: `g:${c.key}`, at: c.at, eventId: null, reason: `标签「${c.tagName}」被${c.change === 'added' ? '添加' : '移除'}` }));
  }
}

/** Event kinds whose arrival can make the trigger fire at once (the rest wait for the nightly pass). */
export function triggerEventKinds(trigger: AutomationTrigger): string[] {
  if (trigger.kind === 'event' || trigger.kind === 'eventCount') return [trigger.event];
  if (trigger.kind === 'keyword') return ['chat_message'];
  return [];
}

export interface AttributeFacts {
  events: readonly StoredEvent[];
  trigger: StoredEvent | null;
  customerType: 'wechat' | 'corp';
  /** When the condition is judged (the firing's time): RFM recency counts to here. */
  now: number;
  /** The company's RFM thresholds (policy rfmThresholds); absent, the defaults. */
  rfmThresholds?: RfmThresholds;
}

const compare = (a: number | string, op: string, b: number | string): boolean => {
  switch (op) {
    case 'eq': return a === b;
    case 'ne': return a !== b;
    case 'gt': return a > b;
    case 'gte': return a >= b;
    case 'lt': return a < b;
    default: return a <= b;
  }
};

/** An attribute condition over the customer's events (purchases, viewing time) and type. */
export function attributeHolds(c: Extract<AutomationCondition, { kind: 'attribute' }>, facts: AttributeFacts): boolean {
  const purchases = facts.events.filter((e) => e.kind === 'purchase');
  let value: number | string;
  switch (c.attribute) {
    case 'purchase_amount': value = purchases.reduce((s, e) => s + Number(e.data.amount ?? 0), 0); break;
    case 'order_count': value = purchases.length; break;
    case 'view_seconds':
      value = facts.trigger?.kind === 'material_viewed' ? Number(facts.trigger.data.seconds ?? 0) : facts.events.filter((e) => e.kind === 'material_viewed').reduce((s, e) => s + Number(e.data.seconds ?? 0), 0);
      break;
    case 'customer_type': value = facts.customerType; break;
    case 'rfm_segment': value = rfmScore(facts.events, facts.now, facts.rfmThresholds ?? DEFAULT_RFM_THRESHOLDS)?.segment ?? '无购买'; break;
  }
  return compare(value, c.op, typeof value === 'number' ? Number(c.value) : String(c.value));
}

export interface RelationPlan {
  add: string[];
  remove: string[];
  /** Expiry per tag id (ms), for tags this plan adds or the relation already carries. */
  expiries: Map<string, number>;
  /** Tags the actions name that the catalog does not have. */
  missing: { groupName: string; tagName: string }[];
  notify: string[];
}

/** What the actions change on one relation carrying `current` tag ids (only real changes). */
export function planActions(actions: readonly AutomationAction[], current: ReadonlySet<string>, catalog: readonly TagGroup[], at: number): RelationPlan {
  const plan: RelationPlan = { add: [], remove: [], expiries: new Map(), missing: [], notify: [] };
  const find = (ref: { groupName: string; tagName: string }) => {
    const g = catalog.find((x) => x.name === ref.groupName);
    const t = g?.tags.find((x) => x.name === ref.tagName);
    if (!g || !t) plan.missing.push(ref);
    return g && t ? { group: g, tag: t } : null;
  };
  const has = (id: string): boolean => (current.has(id) || plan.add.includes(id)) && !plan.remove.includes(id);
  const add = (id: string): void => {
    plan.remove = plan.remove.filter((x) => x !== id);
    if (!current.has(id) && !plan.add.includes(id)) plan.add.push(id);
  };
  const remove = (id: string): void => {
    plan.add = plan.add.filter((x) => x !== id);
    if (current.has(id) && !plan.remove.includes(id)) plan.remove.push(id);
  };
  for (const a of actions) {
    if (a.kind === 'notifyMember') { plan.notify.push(a.message); continue; }
    const hit = find(a.tag);
    if (!hit) continue;
    switch (a.kind) {
      case 'addTag':
        add(hit.tag.id);
        if (a.ttlHours !== undefined) plan.expiries.set(hit.tag.id, at + a.ttlHours * HOUR);
        break;
      case 'removeTag':
        remove(hit.tag.id);
        break;
      case 'setStage':
        for (const other of hit.group.tags) if (other.id !== hit.tag.id && has(other.id)) remove(other.id);
        add(hit.tag.id);
        break;
      case 'setExpiry':
        if (has(hit.tag.id)) plan.expiries.set(hit.tag.id, at + a.ttlHours * HOUR);
        break;
    }
  }
  return plan;
}
