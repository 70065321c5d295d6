// Mute rules compiled once per policy and catalog: scope as a member predicate, match and
// exceptions as tag-set predicates, the schedule with its holiday calendar. A rule whose
// expression names a tag that no longer exists is reported, never silently matching nobody.
import type { DepartmentTree } from '../domain/organization';
import type { TagGroup } from '../domain/tags';
import type { HolidayCalendar, MuteEffect, MuteRule } from '../policy/mute-rule';
import type { PolicyDocument } from '../policy/document';
import { TagQueryError } from '../tagquery/ast';
import { compileTagQuery, type ResolvedNode } from '../tagquery/compile';
import { compileSchedule, type CompiledSchedule } from './schedule';

/**
 * Partner companies (WeCom type-2 contacts) match as tags of this virtual group, so
 * `合作公司:鑫达物流` mutes everyone from that company without tagging each contact.
 */
export const PARTNER_COMPANY_GROUP = '合作公司';
const CORP_PREFIX = '\u0000corp:';
export const partnerCompanyTagId = (corpName: string): string => `${CORP_PREFIX}${corpName}`;

/** A contact as the evaluator sees it: the enterprise tags of its relations (union) and its company. */
export interface MuteContact {
  externalUserid: string;
  tagIds: ReadonlySet<string>;
  corpName?: string | undefined;
}

export interface MuteMember {
  userid: string;
  departmentIds: readonly number[];
}

type ContactPredicate = (c: MuteContact) => boolean;

export interface CompiledMuteRule {
  readonly rule: MuteRule;
  readonly id: string;
  readonly name: string;
  readonly effect: MuteEffect;
  readonly priority: number;
  readonly owner: 'company' | 'member';
  /** The member who owns a personal rule. */
  readonly ownerId: string | null;
  readonly schedule: CompiledSchedule;
  readonly activeFrom: number;
  readonly activeUntil: number;
  inScope(member: MuteMember): boolean;
  /** Matches the rule's expression. */
  matches: ContactPredicate;
  /** Matches the rule's whitelist (`exceptions`). */
  excepted: ContactPredicate;
  /** The evaluator's per-minute memo of this rule's schedule (see verdict.ts). */
  memo: { key: number; value: unknown };
}

export interface MuteRuleProblem {
  ruleId: string;
  name: string;
  /** Chinese, with the column of the mistake. */
  message: string;
}

export interface CompiledMuteRules {
  readonly rules: readonly CompiledMuteRule[];
  /** Enabled rules that could not be compiled (e.g. a tag deleted since): shown to admins, never applied. */
  readonly problems: readonly MuteRuleProblem[];
  /** Enabled rules whose scope covers this member, highest priority first (cached per member). */
  forMember(member: MuteMember): readonly CompiledMuteRule[];
}

function predicate(n: ResolvedNode): ContactPredicate {
  switch (n.kind) {
    case 'tags': {
      const real = n.tagIds.filter((id) => !id.startsWith(CORP_PREFIX));
      const corps = new Set(n.tagIds.filter((id) => id.startsWith(CORP_PREFIX)).map((id) => id.slice(CORP_PREFIX.length)));
      if (corps.size === 0 && real.length === 1) { const id = real[0]!; return (c) => c.tagIds.has(id); }
      if (corps.size === 0) return (c) => real.some((id) => c.tagIds.has(id));
      return (c) => (c.corpName !== undefined && corps.has(c.corpName)) || real.some((id) => c.tagIds.has(id));
    }
    case 'not': { const p = predicate(n.operand); return (c) => !p(c); }
    case 'and': { const ps = n.operands.map(predicate); return (c) => ps.every((p) => p(c)); }
    case 'or': { const ps = n.operands.map(predicate); return (c) => ps.some((p) => p(c)); }
  }
}

export interface CompileMuteInput {
  rules: readonly MuteRule[];
  calendars: readonly HolidayCalendar[];
  catalog: readonly TagGroup[];
  /** Partner company names that `合作公司:…` may name (from the known contacts). */
  partnerCorps?: Iterable<string>;
  /** For department scopes (a department covers its subtree); without it only exact ids match. */
  departments?: DepartmentTree;
}

export function compileMuteRules(input: CompileMuteInput): CompiledMuteRules {
  const corpGroup: TagGroup = {
    id: '\u0000corp', name: PARTNER_COMPANY_GROUP, order: 0,
    tags: [...new Set(input.partnerCorps ?? [])].map((name, i) => ({ id: partnerCompanyTagId(name), groupId: '\u0000corp', name, order: -i })),
  };
  const catalog = [...input.catalog, corpGroup];
  const calendars = new Map(input.calendars.map((c) => [c.id, c]));
  const tree = input.departments;
  const inSubtree = (id: number, root: number): boolean => (tree ? tree.isInSubtree(id, root) : id === root);
  const rules: CompiledMuteRule[] = [];
  const problems: MuteRuleProblem[] = [];
  for (const rule of input.rules) {
    if (!rule.enabled) continue;
    try {
      const match = predicate(compileTagQuery(rule.match, catalog).resolved);
      const exceptions = rule.exceptions !== undefined && rule.exceptions.trim() !== '' ? predicate(compileTagQuery(rule.exceptions, catalog).resolved) : () => false;
      const scope = rule.scope;
      const memberIds = new Set(scope.memberIds);
      const ownerId = rule.owner.kind === 'member' ? rule.owner.memberId : null;
      rules.push({
        rule, id: rule.id, name: rule.name, effect: rule.effect, priority: rule.priority, owner: rule.owner.kind, ownerId,
        schedule: compileSchedule(rule.schedule, rule.schedule.holidayCalendarId !== undefined ? calendars.get(rule.schedule.holidayCalendarId) : undefined),
        activeFrom: rule.activeFrom !== undefined ? Date.parse(rule.activeFrom) : -Infinity,
        activeUntil: rule.activeUntil !== undefined ? Date.parse(rule.activeUntil) : Infinity,
        // A personal rule only ever covers its owner, whatever its scope says.
        inScope: ownerId !== null
          ? (m) => m.userid === ownerId
          : (m) => scope.everyone || memberIds.has(m.userid) || scope.departmentIds.some((root) => m.departmentIds.some((d) => inSubtree(d, root))),
        matches: match,
        excepted: exceptions,
        memo: { key: NaN, value: null },
      });
    } catch (e) {
      if (!(e instanceof TagQueryError)) throw e;
      problems.push({ ruleId: rule.id, name: rule.name, message: e.message });
    }
  }
  rules.sort((a, b) => b.priority - a.priority);
  const perMember = new Map<string, readonly CompiledMuteRule[]>();
  let last: { member: MuteMember; list: readonly CompiledMuteRule[] } | null = null;
  return {
    rules,
    problems,
    forMember(member) {
      // Batches ask for the same member object 200,000 times in a row.
      if (last?.member === member) return last.list;
      const key = `${member.userid}\u0001${member.departmentIds.join(',')}`;
      let list = perMember.get(key);
      if (!list) perMember.set(key, (list = rules.filter((r) => r.inScope(member))));
      last = { member, list };
      return list;
    },
  };
}

/** The policy's rules and calendars against a catalog. */
export function compileMutePolicy(policy: Pick<PolicyDocument, 'muteRules' | 'holidayCalendars'>, catalog: readonly TagGroup[], opts: Omit<CompileMuteInput, 'rules' | 'calendars' | 'catalog'> = {}): CompiledMuteRules {
  return compileMuteRules({ rules: policy.muteRules, calendars: policy.holidayCalendars, catalog, ...opts });
}
