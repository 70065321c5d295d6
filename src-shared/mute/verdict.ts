// The verdict: is this contact muted, held or suppressed for this member at this instant, by
// which rules, and until when. Order of evaluation: rules in scope and in force whose match
// holds; each rule's own exceptions; lifts; then whitelists (company allow rules beat every
// mute/hold, a member's own allow rules beat their own); the highest priority decides the
// state (ties: mute, then hold, then suppress). Pure and allocation-light: rule schedules are
// evaluated once per minute, not once per contact.
import type { MuteEffect } from '../policy/mute-rule';
import type { CompiledMuteRule, CompiledMuteRules, MuteContact, MuteMember } from './compile';
import type { MuteLift } from './lift';
import { allowReason, EFFECT_STATE, exceptionReason, ruleReason, verdictSentence, type VerdictState } from './wording';

export interface DecidingRule {
  id: string;
  name: string;
  owner: 'company' | 'member';
  effect: MuteEffect;
  priority: number;
  /** ISO instant the rule stops applying (window end or activeUntil); null = no end in sight. */
  until: string | null;
  /** The same, as wall-clock text in the rule's zone ("09:00", "10月8日 09:00"). */
  untilText: string | null;
  /** Chinese sentence. */
  reason: string;
}

export interface EffectVerdict {
  until: string | null;
  untilText: string | null;
  /** Highest priority first. */
  rules: DecidingRule[];
}

export interface AppliedLift {
  id: string;
  by: string;
  until: string;
  reason: string;
  covers: 'own' | 'company';
  /** The rule ids this lift switched off for this contact. */
  ruleIds: string[];
}

export interface MuteVerdict {
  at: string;
  state: VerdictState;
  /** When the deciding rule stops (ISO), null when open or no end in sight. */
  until: string | null;
  untilText: string | null;
  /** The rules that decided `state` (same priority and effect), highest priority first. */
  rules: DecidingRule[];
  /** Each effect in force, independently: notifications look at mute/hold, mass messages at suppress. */
  effects: { mute: EffectVerdict | null; hold: EffectVerdict | null; suppress: EffectVerdict | null };
  /** Whitelists (allow rules, rule exceptions) that switched off a rule that would otherwise apply. */
  whitelist: DecidingRule[];
  lifts: AppliedLift[];
  /** 「静音至 09:00 · 规则「合作方夜间静音」」 */
  sentence: string;
}

export interface PreparedLift {
  lift: MuteLift;
  fromMs: number;
  untilMs: number;
  members: ReadonlySet<string> | '*';
}

export function prepareLifts(lifts: readonly MuteLift[]): PreparedLift[] {
  return lifts.map((lift) => ({ lift, fromMs: Date.parse(lift.from), untilMs: Date.parse(lift.until), members: lift.memberIds === '*' ? '*' : new Set(lift.memberIds) }));
}

export interface VerdictContext {
  compiled: CompiledMuteRules;
  lifts?: readonly PreparedLift[];
}

interface RuleNow {
  inside: boolean;
  untilMs: number | null;
  until: string | null;
  untilText: string | null;
}

/** The rule's schedule and validity at this minute, with its end as ISO and wall-clock text. */
function ruleNow(r: CompiledMuteRule, at: number): RuleNow {
  const key = Math.floor(at / 60_000);
  if (r.memo.key === key && at >= r.activeFrom && at < r.activeUntil) return r.memo.value as RuleNow;
  let value: RuleNow;
  if (at < r.activeFrom || at >= r.activeUntil) value = { inside: false, untilMs: null, until: null, untilText: null };
  else {
    const s = r.schedule.state(at);
    let end = s.inside ? s.changeAt : null;
    if (s.inside && Number.isFinite(r.activeUntil) && (end === null || r.activeUntil < end)) end = r.activeUntil;
    value = { inside: s.inside, untilMs: end, until: end === null ? null : new Date(end).toISOString(), untilText: end === null ? null : r.schedule.describe(end, at) };
  }
  r.memo.key = key;
  r.memo.value = value;
  return value;
}

const describeRule = (r: CompiledMuteRule, now: RuleNow, reason?: string): DecidingRule => ({
  id: r.id, name: r.name, owner: r.owner, effect: r.effect, priority: r.priority, until: now.until, untilText: now.untilText,
  reason: reason ?? ruleReason(r.effect, r.name, now.untilText),
});

function liftFor(r: CompiledMuteRule, member: MuteMember, contact: MuteContact, at: number, lifts: readonly PreparedLift[]): PreparedLift | null {
  for (const l of lifts) {
    if (at < l.fromMs || at >= l.untilMs) continue;
    if (l.members !== '*' && !l.members.has(member.userid)) continue;
    const lift = l.lift;
    if (lift.ruleId !== undefined && lift.ruleId !== r.id) continue;
    if (lift.covers === 'own' ? r.owner !== 'member' || r.ownerId !== lift.createdBy : r.owner !== 'company') continue;
    if (lift.target.kind === 'contact' ? lift.target.externalUserid !== contact.externalUserid : !contact.tagIds.has(lift.target.tagId)) continue;
    return l;
  }
  return null;
}

const EFFECT_RANK: Readonly<Record<MuteEffect, number>> = { mute: 3, hold: 2, suppress: 1, allow: 0 };
const NONE: readonly PreparedLift[] = [];

export function verdict(member: MuteMember, contact: MuteContact, at: number, ctx: VerdictContext): MuteVerdict {
  const rules = ctx.compiled.forMember(member);
  const lifts = ctx.lifts ?? NONE;
  let active: CompiledMuteRule[] | null = null;
  let allow: CompiledMuteRule[] | null = null;
  let excepted: CompiledMuteRule[] | null = null;
  let lifted: [CompiledMuteRule, PreparedLift][] | null = null;
  for (const r of rules) {
    if (at < r.activeFrom || at >= r.activeUntil) continue;
    if (!r.matches(contact)) continue;
    if (!ruleNow(r, at).inside) continue;
    if (r.excepted(contact)) { (excepted ??= []).push(r); continue; }
    if (r.effect === 'allow') { (allow ??= []).push(r); continue; }
    const l = lifts.length ? liftFor(r, member, contact, at, lifts) : null;
    if (l) { (lifted ??= []).push([r, l]); continue; }
    (active ??= []).push(r);
  }
  const whitelist: DecidingRule[] = [];
  if (excepted) for (const r of excepted) if (r.effect !== 'allow') whitelist.push(describeRule(r, ruleNow(r, at), exceptionReason(r.name)));
  if (allow && active) {
    const companyAllow = allow.find((a) => a.owner === 'company');
    const ownAllow = allow.find((a) => a.owner === 'member');
    const kept: CompiledMuteRule[] = [];
    let used = false;
    for (const r of active) {
      const beaten = r.effect !== 'suppress' && (companyAllow !== undefined || (ownAllow !== undefined && r.owner === 'member'));
      if (beaten) used = true;
      else kept.push(r);
    }
    if (used) for (const a of allow) whitelist.push(describeRule(a, ruleNow(a, at), allowReason(a.name)));
    active = kept.length ? kept : null;
  }
  const appliedLifts: AppliedLift[] = [];
  if (lifted) {
    for (const [r, l] of lifted) {
      const existing = appliedLifts.find((a) => a.id === l.lift.id);
      if (existing) existing.ruleIds.push(r.id);
      else appliedLifts.push({ id: l.lift.id, by: l.lift.createdBy, until: l.lift.until, reason: l.lift.reason, covers: l.lift.covers, ruleIds: [r.id] });
    }
  }
  const atIso = new Date(at).toISOString();
  if (!active) {
    return {
      at: atIso, state: 'open', until: null, untilText: null, rules: [], effects: { mute: null, hold: null, suppress: null },
      whitelist, lifts: appliedLifts, sentence: verdictSentence('open', null, [], appliedLifts.length > 0),
    };
  }
  // Rules are sorted by priority already; among the top priority the strongest effect decides.
  const top = active[0]!.priority;
  let decider = active[0]!;
  for (const r of active) if (r.priority === top && EFFECT_RANK[r.effect] > EFFECT_RANK[decider.effect]) decider = r;
  const effectOf = (effect: MuteEffect): EffectVerdict | null => {
    const list = active.filter((r) => r.effect === effect);
    if (list.length === 0) return null;
    const first = ruleNow(list[0]!, at);
    return { until: first.until, untilText: first.untilText, rules: list.map((r) => describeRule(r, ruleNow(r, at))) };
  };
  const effects = { mute: effectOf('mute'), hold: effectOf('hold'), suppress: effectOf('suppress') };
  const state = EFFECT_STATE[decider.effect as Exclude<MuteEffect, 'allow'>];
  const deciding = effects[decider.effect as 'mute' | 'hold' | 'suppress']!.rules.filter((r) => r.priority === decider.priority);
  const now = ruleNow(decider, at);
  return {
    at: atIso, state, until: now.until, untilText: now.untilText, rules: deciding, effects, whitelist, lifts: appliedLifts,
    sentence: verdictSentence(state, now.untilText, deciding.map((r) => r.name), false),
  };
}

/**
 * Only the state, for large batches (mass-message recipients, previews): the same decision as
 * `verdict` without building explanations.
 */
export function verdictState(member: MuteMember, contact: MuteContact, at: number, ctx: VerdictContext): { state: VerdictState; suppress: boolean } {
  const rules = ctx.compiled.forMember(member);
  const lifts = ctx.lifts ?? NONE;
  let bestSuppress: CompiledMuteRule | null = null;
  let companyAllow = false;
  let ownAllow = false;
  let interrupting: CompiledMuteRule[] | null = null;
  for (const r of rules) {
    if (at < r.activeFrom || at >= r.activeUntil) continue;
    if (!r.matches(contact)) continue;
    if (!ruleNow(r, at).inside) continue;
    if (r.excepted(contact)) continue;
    if (r.effect === 'allow') { if (r.owner === 'company') companyAllow = true; else ownAllow = true; continue; }
    if (lifts.length && liftFor(r, member, contact, at, lifts)) continue;
    if (r.effect === 'suppress') bestSuppress ??= r;
    else (interrupting ??= []).push(r);
  }
  let decider = bestSuppress;
  if (interrupting) {
    for (const r of interrupting) {
      if (companyAllow || (ownAllow && r.owner === 'member')) continue;
      if (decider === null || r.priority > decider.priority || (r.priority === decider.priority && EFFECT_RANK[r.effect] > EFFECT_RANK[decider.effect])) decider = r;
    }
  }
  return { state: decider === null ? 'open' : EFFECT_STATE[decider.effect as Exclude<MuteEffect, 'allow'>], suppress: bestSuppress !== null };
}

/** May Tagdesk interrupt the member about this contact now? Urgent items pass a hold, never a mute. */
export function mayNotify(v: Pick<MuteVerdict, 'effects'>, opts: { urgent?: boolean } = {}): boolean {
  if (v.effects.mute) return false;
  if (v.effects.hold && !opts.urgent) return false;
  return true;
}

/** May this contact receive mass messages and automated outreach? */
export const mayMassMessage = (v: Pick<MuteVerdict, 'effects'>): boolean => v.effects.suppress === null;
