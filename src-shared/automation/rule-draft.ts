// The automation rule editor's draft (the 自动化 screen): form-friendly fields (numbers as text,
// durations as a number and a unit, tags as one picked value) turned into a rule and checked
// with the contract's own schema on every change, so errors show in Chinese as the admin types
// — the same messages the team server answers with, plus the few only a form can have.
import { automationRuleSchema, type AutomationRule } from '../policy/automation-rule';

/** Problems only the form can have (text where a number goes, nothing picked). */
export const DRAFT_MESSAGES = {
  requiredNumber: '请填写数字',
  tagRequired: '请选择标签',
  unknownList: '请选择同义词表',
  valueRequired: '请填写比较的值',
  percentRange: '应为大于 0、不超过 100 的数字',
} as const;

export type Unit = 'h' | 'd';
export interface Duration { value: string; unit: Unit }

export interface TriggerDraft {
  kind: 'event' | 'eventCount' | 'timeSince' | 'tagChanged' | 'keyword';
  event: string;
  atLeast: string;
  within: Duration;
  since: 'last_purchase' | 'relation_created';
  after: Duration;
  change: 'added' | 'removed';
  tag: string;
  synonymListId: string;
  minHits: string;
  per: 'day' | 'week' | 'month';
}

export interface ConditionDraft { kind: 'tags' | 'attribute'; expression: string; attribute: string; op: string; value: string }
export interface ActionDraft { kind: 'addTag' | 'removeTag' | 'setStage' | 'setExpiry' | 'notifyMember'; tag: string; ttl: Duration; message: string }

export interface RuleDraft {
  id: string;
  name: string;
  version: number;
  enabled: boolean;
  trigger: TriggerDraft;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
  actsOn: 'owner' | 'allFollowers' | 'triggeringMember';
  maxSharePct: string;
}

/** A tag as the pickers hold it: group and name joined by a separator no name contains. */
const SEP = '\u001f';
export const tagKey = (groupName: string, tagName: string): string => `${groupName}${SEP}${tagName}`;
export const tagOfKey = (key: string): { groupName: string; tagName: string } | null => {
  const i = key.indexOf(SEP);
  return i > 0 ? { groupName: key.slice(0, i), tagName: key.slice(i + 1) } : null;
};

const toDuration = (hours: number): Duration => (hours % 24 === 0 ? { value: String(hours / 24), unit: 'd' } : { value: String(hours), unit: 'h' });
const hoursOf = (d: Duration): number => {
  const n = d.value.trim() === '' ? NaN : Number(d.value);
  return d.unit === 'd' ? n * 24 : n;
};

const blankTrigger = (): TriggerDraft => ({
  kind: 'event', event: 'link_clicked', atLeast: '3', within: { value: '3', unit: 'd' }, since: 'last_purchase', after: { value: '180', unit: 'd' },
  change: 'added', tag: '', synonymListId: '', minHits: '1', per: 'day',
});
export const blankCondition = (kind: ConditionDraft['kind'] = 'tags'): ConditionDraft => ({ kind, expression: '', attribute: 'purchase_amount', op: 'gte', value: '' });
export const blankAction = (kind: ActionDraft['kind'] = 'addTag'): ActionDraft => ({ kind, tag: '', ttl: { value: '', unit: 'd' }, message: '' });

export function newDraft(): RuleDraft {
  return {
    id: `auto-${Date.now().toString(36)}`, name: '', version: 1, enabled: false, trigger: blankTrigger(),
    conditions: [], actions: [blankAction()], actsOn: 'owner', maxSharePct: '20',
  };
}

export function draftOf(rule: AutomationRule): RuleDraft {
  const tr = rule.trigger;
  const trigger: TriggerDraft = { ...blankTrigger(), kind: tr.kind };
  if (tr.kind === 'event') trigger.event = tr.event;
  if (tr.kind === 'eventCount') Object.assign(trigger, { event: tr.event, atLeast: String(tr.atLeast), within: toDuration(tr.withinHours) });
  // tag_added is refused by the server (WeCom keeps no time per tag); it cannot be chosen here.
  if (tr.kind === 'timeSince') Object.assign(trigger, { since: tr.since === 'relation_created' ? 'relation_created' : 'last_purchase', after: toDuration(tr.hours) });
  if (tr.kind === 'tagChanged') Object.assign(trigger, { change: tr.change, tag: tagKey(tr.tag.groupName, tr.tag.tagName) });
  if (tr.kind === 'keyword') Object.assign(trigger, { synonymListId: tr.synonymListId, minHits: String(tr.minHits), per: tr.per });
  return {
    id: rule.id, name: rule.name, version: rule.version, enabled: rule.enabled, trigger,
    conditions: rule.conditions.map((c) => (c.kind === 'tags' ? { ...blankCondition('tags'), expression: c.expression } : { ...blankCondition('attribute'), attribute: c.attribute, op: c.op, value: String(c.value) })),
    actions: rule.actions.map((a) => ({
      ...blankAction(a.kind),
      ...('tag' in a ? { tag: tagKey(a.tag.groupName, a.tag.tagName) } : {}),
      ...('ttlHours' in a && a.ttlHours !== undefined ? { ttl: toDuration(a.ttlHours) } : {}),
      ...(a.kind === 'notifyMember' ? { message: a.message } : {}),
    })),
    actsOn: rule.actsOn,
    maxSharePct: String(Math.round(rule.maxShareWithoutConfirm * 1000) / 10),
  };
}

/** Field key → first message. Keys: name, trigger.<field>, cond.<i>, action.<i>, actsOn, maxShare, general. */
export type FieldErrors = Map<string, string>;

/** The rule as the contract takes it (unchecked), and the errors only the form can see. */
function ruleInput(d: RuleDraft, enabled: boolean): { input: unknown; local: FieldErrors } {
  const local: FieldErrors = new Map();
  const num = (key: string, text: string): number => {
    const n = text.trim() === '' ? NaN : Number(text);
    if (!Number.isFinite(n)) local.set(key, DRAFT_MESSAGES.requiredNumber);
    return n;
  };
  const tagRef = (key: string, value: string) => {
    const tag = tagOfKey(value);
    if (!tag) local.set(key, DRAFT_MESSAGES.tagRequired);
    return tag ?? { groupName: '', tagName: '' };
  };
  const tr = d.trigger;
  let trigger: unknown;
  if (tr.kind === 'event') trigger = { kind: 'event', event: tr.event };
  else if (tr.kind === 'eventCount') trigger = { kind: 'eventCount', event: tr.event, atLeast: num('trigger.atLeast', tr.atLeast), withinHours: hoursOf(tr.within) };
  else if (tr.kind === 'timeSince') trigger = { kind: 'timeSince', since: tr.since, hours: hoursOf(tr.after) };
  else if (tr.kind === 'tagChanged') trigger = { kind: 'tagChanged', change: tr.change, tag: tagRef('trigger.tag', tr.tag) };
  else {
    if (!tr.synonymListId) local.set('trigger.synonymListId', DRAFT_MESSAGES.unknownList);
    trigger = { kind: 'keyword', synonymListId: tr.synonymListId, minHits: num('trigger.minHits', tr.minHits), per: tr.per };
  }
  if ((tr.kind === 'eventCount' && !Number.isFinite(hoursOf(tr.within))) || (tr.kind === 'timeSince' && !Number.isFinite(hoursOf(tr.after)))) local.set(tr.kind === 'eventCount' ? 'trigger.withinHours' : 'trigger.hours', DRAFT_MESSAGES.requiredNumber);
  const conditions = d.conditions.map((c, i) => {
    if (c.kind === 'tags') return { kind: 'tags', expression: c.expression.trim() };
    if (c.value.trim() === '') local.set(`cond.${i}`, DRAFT_MESSAGES.valueRequired);
    const numeric = c.attribute !== 'customer_type' && c.attribute !== 'rfm_segment';
    return { kind: 'attribute', attribute: c.attribute, op: c.op, value: numeric ? num(`cond.${i}`, c.value) : c.value.trim() };
  });
  const actions = d.actions.map((a, i) => {
    if (a.kind === 'notifyMember') return { kind: 'notifyMember', message: a.message.trim() };
    const tag = tagRef(`action.${i}`, a.tag);
    if (a.kind === 'setExpiry') return { kind: 'setExpiry', tag, ttlHours: hoursOf(a.ttl) };
    if (a.kind === 'addTag') return { kind: 'addTag', tag, ...(a.ttl.value.trim() ? { ttlHours: hoursOf(a.ttl) } : {}) };
    return { kind: a.kind, tag };
  });
  const pct = d.maxSharePct.trim() === '' ? NaN : Number(d.maxSharePct);
  if (!(pct > 0 && pct <= 100)) local.set('maxShare', DRAFT_MESSAGES.percentRange);
  return {
    input: { id: d.id, name: d.name.trim(), version: d.version, enabled, trigger, conditions, actions, actsOn: d.actsOn, maxShareWithoutConfirm: Number.isFinite(pct) ? pct / 100 : 0.2 },
    local,
  };
}

/** The control an issue path belongs to (`actions.1.tag.tagName` → `action.1`). */
export function fieldOf(path: string): string {
  const p = path.replace(/^rule\./, '');
  const m = /^(conditions|actions)\.(\d+)/.exec(p);
  if (m) return `${m[1] === 'conditions' ? 'cond' : 'action'}.${m[2]}`;
  if (p === 'actions') return 'actions';
  const tr = /^trigger\.(\w+)/.exec(p);
  if (tr) return tr[1] === 'tag' ? 'trigger.tag' : `trigger.${tr[1]}`;
  if (p.startsWith('maxShareWithoutConfirm')) return 'maxShare';
  const head = p.split('.')[0] ?? '';
  return ['name', 'actsOn', 'trigger'].includes(head) ? head : 'general';
}

export function errorsOf(issues: readonly { path: string; message: string }[], into: FieldErrors = new Map()): FieldErrors {
  for (const i of issues) {
    const k = fieldOf(i.path);
    if (!into.has(k)) into.set(k, i.message);
  }
  return into;
}

/** Validates the draft; the rule (with `enabled` as asked) when valid, otherwise the first message per control. */
export function checkDraft(d: RuleDraft, enabled = false): { rule: AutomationRule | null; errors: FieldErrors } {
  const { input, local } = ruleInput(d, enabled);
  const r = automationRuleSchema.safeParse(input);
  const errors: FieldErrors = new Map(local);
  if (!r.success) errorsOf(r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })), errors);
  return { rule: r.success && local.size === 0 ? r.data : null, errors };
}

/** What a backtest is of: the rule's content apart from its enabled flag and number. */
export const backtestKey = (rule: AutomationRule): string => JSON.stringify({ ...rule, enabled: false, version: 0 });
