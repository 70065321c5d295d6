// Mute rules on the team server: the policy's rules compiled against the catalog (recompiled
// when the policy, the catalog or the known partner companies change), verdicts for a member
// and a customer, the week preview of a draft rule, and mass-message recipients. The server's
// view of relations is WeCom's own, read through the upstream client (batch/get_by_user for
// previews and recipient lists, externalcontact/get for one customer) — not a copy that lags.
import type { TagGroup } from '../../../src-shared/domain/tags';
import { buildDepartmentTree, type DepartmentTree } from '../../../src-shared/domain/organization';
import { parseMuteRule, type MuteRule, type PolicyDocument } from '../../../src-shared/policy/index';
import {
  compileMuteRules, prepareLifts, previewMute, verdict, verdictState,
  type CompiledMuteRules, type MuteContact, type MuteMember, type MutePreview, type MuteVerdict,
} from '../../../src-shared/mute/index';
import type { TeamContext } from '../context';
import type { DirectoryMember } from '../directory';
import { TeamHttpError } from '../http/respond';
import { callOk, UpstreamError } from '../upstream';
import { loadRelations, type RelationRow } from '../admin/relations';
import { createLiftStore, type LiftStore } from './lift-store';

export interface ContactView extends MuteContact {
  name: string;
}

export function catalogOf(ctx: TeamContext): TagGroup[] {
  return ctx.catalog.groups().map((g) => ({
    id: g.group_id, name: g.group_name, order: 0,
    tags: (g.tag ?? []).map((t) => ({ id: t.id, groupId: g.group_id, name: t.name, order: 0, ...(t.deleted ? { deleted: true } : {}) })),
  }));
}

export const contactOf = (rows: readonly RelationRow[]): ContactView => ({
  externalUserid: rows[0]!.externalUserid,
  name: rows[0]!.customerName,
  tagIds: new Set(rows.flatMap((r) => r.tagIds)),
  corpName: rows[0]!.corpName || undefined,
});

/** Contacts by member: each member's customers with the tags of every relation of that customer. */
export function contactsByMember(rows: readonly RelationRow[]): Map<string, ContactView[]> {
  const byCustomer = new Map<string, RelationRow[]>();
  for (const r of rows) {
    const list = byCustomer.get(r.externalUserid);
    if (list) list.push(r);
    else byCustomer.set(r.externalUserid, [r]);
  }
  const contacts = new Map([...byCustomer].map(([id, list]) => [id, contactOf(list)]));
  const out = new Map<string, ContactView[]>();
  for (const r of rows) {
    const list = out.get(r.userid) ?? [];
    list.push(contacts.get(r.externalUserid)!);
    out.set(r.userid, list);
  }
  return out;
}

export function createMuteService(ctx: TeamContext) {
  const lifts: LiftStore = createLiftStore(ctx);
  const knownCorps = new Set<string>();
  let compiledFor: { policy: PolicyDocument; catalog: readonly unknown[]; corps: number; tree: DepartmentTree; value: CompiledMuteRules } | null = null;

  let tree: { version: number; value: DepartmentTree } | null = null;
  const treeOf = (): DepartmentTree => {
    if (tree?.version !== ctx.directory.version()) {
      tree = { version: ctx.directory.version(), value: buildDepartmentTree(ctx.directory.departments().map((d) => ({ id: d.id, name: d.name, parentId: d.parentId ?? 0 }))) };
    }
    return tree.value;
  };

  async function ensureCatalog(): Promise<void> {
    if (ctx.catalog.groups().length === 0) await ctx.catalog.refresh();
  }

  function compile(rules?: readonly MuteRule[]): CompiledMuteRules {
    const policy = ctx.policy.current();
    const departments = treeOf();
    if (rules) return compileMuteRules({ rules, calendars: policy.holidayCalendars, catalog: catalogOf(ctx), partnerCorps: knownCorps, departments });
    const groups = ctx.catalog.groups();
    if (compiledFor?.policy !== policy || compiledFor.catalog !== groups || compiledFor.corps !== knownCorps.size || compiledFor.tree !== departments) {
      compiledFor = { policy, catalog: groups, corps: knownCorps.size, tree: departments, value: compileMuteRules({ rules: policy.muteRules, calendars: policy.holidayCalendars, catalog: catalogOf(ctx), partnerCorps: knownCorps, departments }) };
    }
    return compiledFor.value;
  }

  const learnCorps = (contacts: Iterable<MuteContact>): void => {
    for (const c of contacts) if (c.corpName) knownCorps.add(c.corpName);
  };

  const memberOf = (userid: string): DirectoryMember => {
    const m = ctx.directory.member(userid);
    if (!m) throw new TeamHttpError('not_found', `member ${userid} not in the directory`, '通讯录中没有该成员。');
    return m;
  };

  /** One customer as WeCom knows it now: every relation's enterprise tags, and the partner company. */
  async function loadContact(externalUserid: string): Promise<ContactView> {
    let r;
    try {
      r = await callOk(ctx.upstream, 'GET', '/cgi-bin/externalcontact/get', { external_userid: externalUserid });
    } catch (e) {
      if (e instanceof UpstreamError) throw new TeamHttpError('not_found', `customer ${externalUserid}: ${e.message}`, '企业微信中找不到该客户。');
      throw new TeamHttpError('upstream_unavailable', `WeCom unreachable: ${(e as Error).message}`, '暂时无法连接企业微信，请稍后重试。');
    }
    const ext = (r.external_contact ?? {}) as { name?: string; corp_name?: string };
    const follows = (r.follow_user as { tags?: { tag_id?: string; type?: number }[] }[] | undefined) ?? [];
    const contact: ContactView = {
      externalUserid, name: ext.name ?? '', corpName: ext.corp_name || undefined,
      tagIds: new Set(follows.flatMap((f) => (f.tags ?? []).filter((t) => t.type === 1 && t.tag_id).map((t) => t.tag_id!))),
    };
    learnCorps([contact]);
    return contact;
  }

  const service = {
    lifts,
    compile,
    learnCorps,

    /** The verdict for `member` about one customer at `at`, with rule problems the admin should see. */
    async explain(member: string, externalUserid: string, at: Date): Promise<{ member: string; customer: { externalUserid: string; name: string; corpName: string | null }; verdict: MuteVerdict; problems: CompiledMuteRules['problems'] }> {
      await ensureCatalog();
      const m = memberOf(member);
      const contact = await loadContact(externalUserid);
      const compiled = compile();
      const v = verdict({ userid: m.userid, departmentIds: m.departmentIds }, contact, at.getTime(), { compiled, lifts: prepareLifts(lifts.active()) });
      return { member: m.userid, customer: { externalUserid, name: contact.name, corpName: contact.corpName ?? null }, verdict: v, problems: compiled.problems };
    },

    /** The next `days` as an hourly heatmap per rule and member, with a draft rule added or replacing its saved version. */
    async preview(viewer: DirectoryMember, opts: { draft?: MuteRule; ruleId?: string; days: number; start: Date }): Promise<MutePreview & { problems: CompiledMuteRules['problems']; source: string }> {
      await ensureCatalog();
      const members = ctx.directory.teamOf(viewer).filter((m) => m.active);
      const rows = await loadRelations(ctx, members.map((m) => m.userid));
      const byMember = contactsByMember(rows);
      learnCorps([...byMember.values()].flat());
      const saved = ctx.policy.current().muteRules;
      const rules = opts.draft ? [...saved.filter((r) => r.id !== opts.draft!.id), opts.draft] : saved;
      const compiled = compile(rules);
      const only = opts.ruleId ?? opts.draft?.id;
      const p = previewMute({
        compiled, start: opts.start.getTime(), hours: opts.days * 24, ...(only !== undefined ? { ruleIds: [only] } : {}),
        members: members.map((m) => ({ userid: m.userid, departmentIds: m.departmentIds, name: m.name })),
        contactsOf: (u) => byMember.get(u) ?? [],
      });
      return { ...p, problems: compiled.problems, source: 'WeCom batch/get_by_user, read now for the members in your scope' };
    },

    /** The sender's customers with the state of each for mass messages right now. */
    async recipientsOf(sender: string): Promise<{ member: MuteMember; contacts: ContactView[]; compiled: CompiledMuteRules }> {
      await ensureCatalog();
      const m = memberOf(sender);
      const rows = await loadRelations(ctx, [sender]);
      const contacts = contactsByMember(rows).get(sender) ?? [];
      learnCorps(contacts);
      return { member: { userid: m.userid, departmentIds: m.departmentIds }, contacts, compiled: compile() };
    },

    /** Which of these customers the sender may not mass-message now (suppressed), with the rule. */
    suppressedAmong(member: MuteMember, contacts: readonly MuteContact[], compiled: CompiledMuteRules, at: Date): Map<string, string> {
      const ctxV = { compiled, lifts: prepareLifts(lifts.active()) };
      const out = new Map<string, string>();
      for (const c of contacts) {
        if (!verdictState(member, c, at.getTime(), ctxV).suppress) continue;
        const v = verdict(member, c, at.getTime(), ctxV);
        out.set(c.externalUserid, v.effects.suppress?.rules.map((r) => `规则「${r.name}」`).join('、') ?? '');
      }
      return out;
    },

    parseDraft(input: unknown): MuteRule {
      const r = parseMuteRule(input);
      if (!r.ok) throw new TeamHttpError('bad_request', `invalid mute rule: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, `规则有误：${r.issues[0]?.message ?? ''}`, r.issues);
      const cal = r.value.schedule.holidayCalendarId;
      if (cal !== undefined && !ctx.policy.current().holidayCalendars.some((c) => c.id === cal)) {
        throw new TeamHttpError('bad_request', `unknown holiday calendar ${cal}`, `找不到节假日日历「${cal}」`, [{ path: 'schedule.holidayCalendarId', message: `找不到节假日日历「${cal}」` }]);
      }
      return r.value;
    },
  };
  return service;
}

export type MuteService = ReturnType<typeof createMuteService>;

const services = new WeakMap<TeamContext, MuteService>();

/** The mute service of this server (one per context, created on first use). */
export function muteServiceOf(ctx: TeamContext): MuteService {
  let s = services.get(ctx);
  if (!s) services.set(ctx, (s = createMuteService(ctx)));
  return s;
}
