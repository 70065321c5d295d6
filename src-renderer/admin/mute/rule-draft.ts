// The rule editor's draft: form-friendly text fields (ids as comma lists, priority as text)
// turned into a rule and checked with the contract's own schema on every change, so field
// errors show as the admin types — the same Chinese messages the team server answers with.
import { muteRuleSchema, type MuteEffect, type MuteRule } from '../../../src-shared/policy/mute-rule';

export interface WindowDraft { days: number[]; start: string; end: string }

export interface RuleDraft {
  id: string;
  name: string;
  ownerKind: 'company' | 'member';
  enabled: boolean;
  everyone: boolean;
  memberIds: string;
  departmentIds: string;
  match: string;
  exceptions: string;
  windows: WindowDraft[];
  timeZone: string;
  holidayCalendarId: string;
  onHolidays: 'asWeekday' | 'inside' | 'outside';
  effect: MuteEffect;
  priority: string;
  activeFrom?: string | undefined;
  activeUntil?: string | undefined;
}

/** Where a field's errors are shown: one key per control (windows by index). */
export type FieldKey = string;

const list = (text: string): string[] => text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean);

export function newDraft(me: string, company: boolean): RuleDraft {
  return {
    id: `r-${Date.now().toString(36)}`,
    name: '',
    ownerKind: company ? 'company' : 'member',
    enabled: true,
    everyone: company,
    memberIds: company ? '' : me,
    departmentIds: '',
    match: '',
    exceptions: '',
    windows: [],
    timeZone: 'Asia/Shanghai',
    holidayCalendarId: '',
    onHolidays: 'asWeekday',
    effect: 'mute',
    priority: '100',
  };
}

export function draftOf(rule: MuteRule): RuleDraft {
  return {
    id: rule.id,
    name: rule.name,
    ownerKind: rule.owner.kind,
    enabled: rule.enabled,
    everyone: rule.scope.everyone,
    memberIds: rule.scope.memberIds.join(', '),
    departmentIds: rule.scope.departmentIds.join(', '),
    match: rule.match,
    exceptions: rule.exceptions ?? '',
    windows: rule.schedule.windows.map((w) => ({ days: [...w.days], start: w.start, end: w.end })),
    timeZone: rule.schedule.timeZone,
    holidayCalendarId: rule.schedule.holidayCalendarId ?? '',
    onHolidays: rule.schedule.onHolidays,
    effect: rule.effect,
    priority: String(rule.priority),
    activeFrom: rule.activeFrom,
    activeUntil: rule.activeUntil,
  };
}

/** The rule as the contract takes it (unchecked). */
export function ruleInput(d: RuleDraft, me: string): unknown {
  const priority = d.priority.trim() === '' ? 100 : Number(d.priority);
  return {
    id: d.id,
    name: d.name.trim(),
    owner: d.ownerKind === 'company' ? { kind: 'company' } : { kind: 'member', memberId: me },
    enabled: d.enabled,
    scope: { everyone: d.everyone, memberIds: d.everyone ? [] : list(d.memberIds), departmentIds: d.everyone ? [] : list(d.departmentIds).map(Number) },
    match: d.match.trim(),
    ...(d.exceptions.trim() ? { exceptions: d.exceptions.trim() } : {}),
    schedule: {
      timeZone: d.timeZone,
      windows: d.windows.map((w) => ({ days: [...w.days].sort((a, b) => a - b), start: w.start.trim(), end: w.end.trim() })),
      ...(d.holidayCalendarId ? { holidayCalendarId: d.holidayCalendarId } : {}),
      onHolidays: d.onHolidays,
    },
    effect: d.effect,
    priority: Number.isFinite(priority) ? priority : 1.5, // not an integer: the schema names it
    ...(d.activeFrom ? { activeFrom: d.activeFrom } : {}),
    ...(d.activeUntil ? { activeUntil: d.activeUntil } : {}),
  };
}

/** The control an issue path belongs to (`schedule.windows.0.end` → `window.0`). */
export function fieldOf(path: string): FieldKey {
  const p = path.replace(/^rule\./, '');
  const w = /^schedule\.windows\.(\d+)/.exec(p);
  if (w) return `window.${w[1]}`;
  if (p === 'schedule.windows') return 'windows';
  if (p.startsWith('schedule.timeZone')) return 'timeZone';
  if (p.startsWith('schedule.holidayCalendarId') || p.startsWith('schedule.onHolidays') || p === 'schedule') return 'calendar';
  const head = p.split('.')[0] ?? '';
  return ['name', 'owner', 'scope', 'match', 'exceptions', 'effect', 'priority', 'activeFrom', 'activeUntil'].includes(head) ? head : 'general';
}

export type FieldErrors = Map<FieldKey, string>;

/** Validates the draft; the rule when it is valid, otherwise the first message per control. */
export function checkDraft(d: RuleDraft, me: string): { rule: MuteRule | null; errors: FieldErrors } {
  const r = muteRuleSchema.safeParse(ruleInput(d, me));
  if (r.success) return { rule: r.data, errors: new Map() };
  return { rule: null, errors: errorsOf(r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))) };
}

export function errorsOf(issues: readonly { path: string; message: string }[]): FieldErrors {
  const out: FieldErrors = new Map();
  for (const i of issues) {
    const k = fieldOf(i.path);
    if (!out.has(k)) out.set(k, i.message);
  }
  return out;
}
