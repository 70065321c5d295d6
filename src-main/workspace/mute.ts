// Mute rules on the desktop: the verdict for the open customer computed locally from the
// cached policy, the member's store (catalog, the customer's relations and their WeCom tags)
// and the lifts last fetched from the team server — so the panel line works offline — plus
// lifts, rule edits, the preview and mass messages, which need the team server.
//
// Tagdesk's own desktop notifications call `mayNotifyAbout(workspace, externalUserid, {urgent})`
// before showing anything about a customer: false while the member's rules mute the customer
// (or hold it and the item is not urgent).
import { buildDepartmentTree } from '../../src-shared/domain/organization';
import type { TagGroup } from '../../src-shared/domain/tags';
import type { MuteRule } from '../../src-shared/policy/mute-rule';
import {
  compileMutePolicy, mayNotify, muteLiftSchema, prepareLifts, verdict,
  type CompiledMuteRules, type MuteContact, type MuteLift, type MuteMember, type MuteVerdict,
} from '../../src-shared/mute/index';
import { interceptSyncResultSchema, messagePreviewResultSchema, type MessagePreviewResult } from '../../src-shared/team-api/mute';
import type { MuteRuleView, MuteVerdictView } from '../../src-shared/ipc/channels/mute';
import { z } from 'zod';
import { prepared } from '../store/sql';
import { readCatalog } from '../store/catalog';
import { HandledError } from '../ipc/dispatch';
import type { Workspace } from './workspace';

type Deps = ReturnType<Workspace['muteDeps']>;

/** Lifts are re-read from the team server at most this often (the panel asks on every open). */
const LIFTS_TTL_MS = 60_000;

const unreachable = (what: string): HandledError => new HandledError('unavailable', `team server unreachable: ${what}`, '无法连接团队服务器，请稍后重试。');

export class MuteDesk {
  private lifts: MuteLift[] = [];
  private liftsAt = -Infinity;
  private liftsFresh = false;
  private compiled: { key: string; policy: unknown; value: CompiledMuteRules } | null = null;

  constructor(private readonly deps: () => Deps) {}

  // --- team server --------------------------------------------------------------------------

  private async call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    const d = this.deps();
    let res: Response;
    try {
      res = await d.fetch(`${d.serverUrl.replace(/\/+$/, '')}${path}`, {
        method,
        headers: { Authorization: `Bearer ${d.token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (e) {
      throw unreachable((e as Error).message);
    }
    let json: { ok?: boolean; value?: unknown; error?: { code: string; message: string; userMessage: string } };
    try {
      json = (await res.json()) as typeof json;
    } catch {
      throw unreachable(`HTTP ${res.status} without JSON`);
    }
    if (!json.ok) {
      const e = json.error ?? { code: 'internal', message: `HTTP ${res.status}`, userMessage: '团队服务器返回了错误。' };
      const code = e.code === 'forbidden' ? 'forbidden' : e.code === 'not_found' ? 'not_found' : e.code === 'conflict' || e.code === 'bad_request' ? 'conflict' : 'unavailable';
      throw new HandledError(code, `${path}: ${e.code} ${e.message}`, e.userMessage);
    }
    const parsed = schema.safeParse(json.value);
    if (!parsed.success) throw unreachable(`${path} answered in an unexpected shape`);
    return parsed.data;
  }

  /** Refreshes the lifts from the team server when stale; offline keeps the last known. */
  async refreshLifts(force = false): Promise<void> {
    const now = this.deps().now();
    if (!force && now - this.liftsAt < LIFTS_TTL_MS) return;
    try {
      this.lifts = (await this.call('GET', '/team/v1/mute/lifts', z.object({ lifts: z.array(muteLiftSchema) }))).lifts;
      this.liftsAt = now;
      this.liftsFresh = true;
    } catch (e) {
      if (!(e instanceof HandledError)) throw e;
      this.liftsFresh = false;
    }
  }

  // --- local evaluation ---------------------------------------------------------------------

  private catalog(): TagGroup[] {
    return readCatalog(this.deps().db).map((g) => ({
      id: g.groupId, name: g.name, order: g.order,
      tags: g.tags.map((t) => ({ id: t.tagId, groupId: g.groupId, name: t.name, order: 0 })),
    }));
  }

  /** The rules compiled for the current policy and catalog (recompiled when either changes). */
  private rules(): CompiledMuteRules {
    const d = this.deps();
    // The catalog and the partner companies known to the store can change under the same policy.
    const facts = prepared<[], { n: number; at: number | null; corps: number; deps: number }>(d.db, `
      SELECT (SELECT count(*) FROM tags) AS n, (SELECT max(synced_at) FROM tags) AS at,
             (SELECT count(DISTINCT corp_name) FROM customers) AS corps, (SELECT count(*) FROM departments) AS deps`).get()!;
    const key = `${d.policy.revision}|${facts.n}|${facts.at ?? 0}|${facts.corps}|${facts.deps}`;
    if (this.compiled?.key === key && this.compiled.policy === d.policy) return this.compiled.value;
    const corps = prepared<[], { corp_name: string }>(d.db, `SELECT DISTINCT corp_name FROM customers WHERE corp_name IS NOT NULL AND corp_name != ''`).all().map((r) => r.corp_name);
    const departments = buildDepartmentTree(prepared<[], { id: number; name: string; parent_id: number | null }>(d.db, `SELECT id, name, parent_id FROM departments`).all()
      .map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id ?? 0 })));
    const value = compileMutePolicy(d.policy, this.catalog(), { partnerCorps: corps, departments });
    this.compiled = { key, policy: d.policy, value };
    return value;
  }

  private member(): MuteMember {
    const me = this.deps().me;
    return { userid: me.userid, departmentIds: me.departmentIds };
  }

  /** The customer as the store knows it: WeCom's tags on every relation the store holds, and the company. */
  contact(externalUserid: string): MuteContact | null {
    const rows = prepared<[string], { corp_name: string | null; tag_id: string | null }>(this.deps().db, `
      SELECT c.corp_name, t.tag_id FROM customers c
      LEFT JOIN follow_relations fr ON fr.customer_id = c.id
      LEFT JOIN relation_base_tags rbt ON rbt.relation_id = fr.id
      LEFT JOIN tags t ON t.ref = rbt.tag_ref
      WHERE c.external_userid = ?`).all(externalUserid);
    if (rows.length === 0) return null;
    return { externalUserid, corpName: rows[0]!.corp_name || undefined, tagIds: new Set(rows.flatMap((r) => (r.tag_id ? [r.tag_id] : []))) };
  }

  /** The verdict now (or at `at`) with the lifts known right now; no network. */
  verdictLocal(externalUserid: string, at?: number): MuteVerdict | null {
    const contact = this.contact(externalUserid);
    if (!contact) return null;
    return verdict(this.member(), contact, at ?? this.deps().now(), { compiled: this.rules(), lifts: prepareLifts(this.lifts) });
  }

  private view(externalUserid: string, v: MuteVerdict): MuteVerdictView {
    const me = this.deps().me;
    const oversees = me.role === 'supervisor' || me.role === 'admin';
    const own = v.rules.some((r) => r.owner === 'member');
    const company = v.rules.some((r) => r.owner === 'company');
    const liftCovers = company && oversees ? 'company' : own ? 'own' : null;
    return {
      externalUserid, at: v.at, state: v.state, until: v.until, untilText: v.untilText, sentence: v.sentence, rules: v.rules,
      effects: { mute: v.effects.mute !== null, hold: v.effects.hold !== null, suppress: v.effects.suppress !== null },
      whitelist: v.whitelist, lifts: v.lifts, mayLift: liftCovers !== null, liftCovers,
      problems: [...this.rules().problems], liftsFresh: this.liftsFresh,
    };
  }

  // --- channels -----------------------------------------------------------------------------

  async verdict(externalUserid: string, at?: string): Promise<MuteVerdictView> {
    await this.refreshLifts();
    const v = this.verdictLocal(externalUserid, at !== undefined ? Date.parse(at) : undefined);
    if (!v) throw new HandledError('not_found', `customer ${externalUserid} not in the store`, '找不到该客户，请先同步客户列表或重新搜索。');
    return this.view(externalUserid, v);
  }

  async lift(args: { externalUserid?: string | undefined; tagId?: string | undefined; hours: number; reason: string; covers?: 'own' | 'company' | undefined; ruleId?: string | undefined }): Promise<{ lift: MuteLift; verdict: MuteVerdictView | null }> {
    const target = args.externalUserid !== undefined ? { kind: 'contact' as const, externalUserid: args.externalUserid } : { kind: 'tag' as const, tagId: args.tagId! };
    const lift = await this.call('POST', '/team/v1/mute/lifts', muteLiftSchema, {
      target, hours: args.hours, reason: args.reason, ...(args.covers ? { covers: args.covers } : {}), ...(args.ruleId ? { ruleId: args.ruleId } : {}),
    });
    await this.refreshLifts(true);
    const v = args.externalUserid !== undefined ? this.verdictLocal(args.externalUserid) : null;
    return { lift, verdict: v && args.externalUserid !== undefined ? this.view(args.externalUserid, v) : null };
  }

  async listLifts(): Promise<{ lifts: MuteLift[]; fresh: boolean }> {
    await this.refreshLifts(true);
    return { lifts: [...this.lifts], fresh: this.liftsFresh };
  }

  async endLift(id: string): Promise<{ lift: MuteLift }> {
    const lift = await this.call('DELETE', `/team/v1/mute/lifts/${encodeURIComponent(id)}`, muteLiftSchema);
    await this.refreshLifts(true);
    return { lift };
  }

  list(): { rules: MuteRuleView[]; calendars: Deps['policy']['holidayCalendars']; canEditCompany: boolean; policyRevision: number } {
    const d = this.deps();
    const admin = d.me.role === 'admin';
    const problems = new Map(this.rules().problems.map((p) => [p.ruleId, p.message]));
    const visible = d.policy.muteRules.filter((r) => r.owner.kind === 'company' || r.owner.memberId === d.me.userid || admin);
    return {
      rules: visible.map((rule) => ({ rule, editable: admin || (rule.owner.kind === 'member' && rule.owner.memberId === d.me.userid), problem: problems.get(rule.id) ?? null })),
      calendars: d.policy.holidayCalendars, canEditCompany: admin, policyRevision: d.policy.revision,
    };
  }

  saveRule(rule: MuteRule) {
    return this.call('PUT', `/team/v1/mute/rules/${encodeURIComponent(rule.id)}`, z.object({
      rule: z.unknown(), revision: z.number().int(), problems: z.array(z.object({ ruleId: z.string(), name: z.string(), message: z.string() })),
    }), rule).then((r) => ({ ...r, rule }));
  }

  deleteRule(id: string) {
    return this.call('DELETE', `/team/v1/mute/rules/${encodeURIComponent(id)}`, z.object({ deleted: z.string(), revision: z.number().int() }));
  }

  preview(args: { rule?: MuteRule | undefined; ruleId?: string | undefined; days: number; start?: string | undefined }) {
    return this.call('POST', '/team/v1/mute/preview', z.object({
      start: z.string(), hours: z.number().int(),
      rules: z.array(z.object({ ruleId: z.string(), name: z.string(), effect: z.string(), hours: z.array(z.number()), contacts: z.number().int(), members: z.number().int() })),
      members: z.array(z.object({ userid: z.string(), name: z.string(), quiet: z.array(z.number()), suppressed: z.array(z.number()), contacts: z.number().int() })),
      problems: z.array(z.object({ ruleId: z.string(), name: z.string(), message: z.string() })),
      source: z.string(),
    }), { ...(args.rule ? { rule: args.rule } : {}), ...(args.ruleId ? { ruleId: args.ruleId } : {}), days: args.days, ...(args.start ? { start: args.start } : {}) });
  }

  messagesPreview(args: { expression: string; text: string; sampleSize: number }): Promise<MessagePreviewResult> {
    return this.call('POST', '/team/v1/messages/preview', messagePreviewResultSchema, args);
  }

  /** Recomputes the recipients on the team server, then sends add_msg_template through the relay. */
  async messagesSubmit(args: { expression: string; text: string; expectedRecipients?: number | undefined }) {
    const p = await this.messagesPreview({ expression: args.expression, text: args.text, sampleSize: 0 });
    if (!p.sendable) {
      const why = p.lint.findings.find((f) => f.action === 'block' || f.action === 'approval')?.message;
      throw new HandledError('conflict', 'mass message not sendable', why ?? (p.recipients === 0 ? '没有可发送的客户。' : '消息内容不能群发。'));
    }
    if (args.expectedRecipients !== undefined && args.expectedRecipients !== p.recipients) {
      throw new HandledError('conflict', `recipients changed from ${args.expectedRecipients} to ${p.recipients}`, `收件人已变化（现为 ${p.recipients} 位），请重新预览后再发送。`);
    }
    const d = this.deps();
    const base = d.serverUrl.replace(/\/+$/, '');
    try {
      const { corpid } = await this.call('GET', '/team/v1/health', z.object({ corpid: z.string() }));
      const tok = (await (await d.fetch(`${base}/cgi-bin/gettoken?corpid=${encodeURIComponent(corpid)}&corpsecret=${encodeURIComponent(d.token)}`)).json()) as { errcode?: number; access_token?: string; tagdesk_reason?: string };
      if (!tok.access_token) throw new HandledError('unavailable', `relay gettoken: ${tok.errcode ?? '?'}`, tok.tagdesk_reason ?? '无法连接团队服务器，请稍后重试。');
      const res = (await (await d.fetch(`${base}/cgi-bin/externalcontact/add_msg_template?access_token=${encodeURIComponent(tok.access_token)}`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ chat_type: 'single', sender: d.me.userid, external_userid: p.recipientIds, text: { content: args.text } }),
      })).json()) as { errcode?: number; errmsg?: string; msgid?: string; fail_list?: string[]; tagdesk_reason?: string };
      if ((res.errcode ?? 0) !== 0) throw new HandledError(res.errcode === 7100010 || res.errcode === 7100013 ? 'forbidden' : 'unavailable', `add_msg_template: ${res.errcode} ${res.errmsg ?? ''}`, res.tagdesk_reason ?? '企业微信拒绝了群发请求。');
      const failed = res.fail_list ?? [];
      return { msgid: res.msgid ?? '', recipients: p.recipientIds.length - failed.length, failed, excluded: p.excluded };
    } catch (e) {
      if (e instanceof HandledError) throw e;
      throw unreachable((e as Error).message);
    }
  }

  /** Admins: pushes the rule pack's block-level words to WeCom as intercept rules now. */
  syncIntercepts() {
    return this.call('POST', '/team/v1/mute/intercept-sync', interceptSyncResultSchema);
  }
}

const desks = new WeakMap<Workspace, MuteDesk>();

/** The mute helper of this workspace (one per signed-in member). */
export function muteDesk(ws: Workspace): MuteDesk {
  let d = desks.get(ws);
  if (!d) desks.set(ws, (d = new MuteDesk(() => ws.muteDeps())));
  return d;
}

/**
 * Call before showing a desktop notification about a customer (an approval decision, a
 * reminder): false while the member's mute rules mute the customer, or hold it and the item
 * is not urgent. Uses the lifts last fetched; an unknown customer is not muted.
 */
export function mayNotifyAbout(ws: Workspace, externalUserid: string, opts: { urgent?: boolean; at?: number } = {}): boolean {
  const v = muteDesk(ws).verdictLocal(externalUserid, opts.at);
  return v === null || mayNotify(v, opts);
}
