// The signed-in member's workspace: their own store (one file per member, so personal tags
// and queued work never mix between people sharing a computer), the sync engine talking to
// WeCom through the team server's relay, the company's policy and linter, and the approval
// requests queued for the team server. Everything the panel asks for goes through here.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { openDatabase, type Db } from '../store/database';
import { prepared } from '../store/sql';
import { currentPolicy, putPolicy, prunePolicy, putApprovals, cachedApproval, recentApprovals, type CachedApproval } from '../store/caches';
import { tagById } from '../store/catalog';
import { effectiveTagsFor } from '../store/effective-tags';
import { searchCustomers } from '../store/search';
import { upsertCustomers } from '../store/customers';
import { outboxCounts, getOp } from '../store/outbox';
import { openConflicts } from '../store/conflicts';
import { listPersonalTags, createPersonalTag, assignPersonalTag, unassignPersonalTag, renamePersonalTag, deletePersonalTag, restorePersonalTag, getPersonalTag, purgeRecycleBin } from '../store/personal-tags';
import { queueApproval, dueApprovals, markApprovalSent, deferApproval, refuseApproval, queuedApprovalCount } from '../store/approval-outbox';
import { pairsWithLiveOps } from '../sync/queue';
import { SyncEngine, type SyncEvent } from '../sync/engine';
import { addEnterpriseTag, removeEnterpriseTag, chooseSingleChoiceTag, setRemark } from '../sync/local-changes';
import { resolveInboxItem, InboxChoiceError } from '../sync/inbox';
import { fullJitterDelay, toSeconds } from '../sync/deps';
import { muteDesk } from './mute';
import { createWecomClient, type WecomClient } from '../../src-shared/wecom/index';
import { parsePolicyDocument } from '../../src-shared/policy/validate';
import type { PolicyDocument } from '../../src-shared/policy/document';
import { defaultRulePack, type Linter } from '../../src-shared/compliance/index';
import type { Me } from '../../src-shared/team-api/auth';
import type { Approval, CreateApproval } from '../../src-shared/team-api/approvals';
import type { TeamEventEnvelope } from '../../src-shared/team-api/events';
import type {
  ApprovalView, ConflictView, HistoryEntry, LintView, PanelView, SearchHit, Suggestion, SyncStatusView, TeamHistoryEntry,
} from '../../src-shared/ipc/index';
import type { EventBus } from '../app/event-bus';
import type { Logger } from '../services/logger';
import { HandledError } from '../ipc/dispatch';
import { TeamApiError, TeamUnreachableError, type TeamApiClient } from '../team/team-api-client';
import { Access, provisionalPolicy } from './access';
import { linterFrom, lintView } from './lint';
import { reportBlockedSave, type BlockedField } from './guard-report';
import type { DesktopDoctorDeps } from './doctor';
import type { PacketDeps } from './handover-packet';
import { rankCandidates } from './suggest';
import { approvalView, buildPanelView, conflictView, customerHistory, customerNameOf, mobileTail } from './views';

export interface WorkspaceOptions {
  /** The app's data folder; the member's store lives under members/<hash>/. */
  dataDir: string;
  sqliteNativeBinding?: string;
  me: Me;
  serverUrl: string;
  token: string;
  api: TeamApiClient;
  bus: EventBus;
  log: Logger;
  online: boolean;
  fetch?: typeof fetch;
  now?: () => number;
}

const META_CORPID = 'corpid';
const META_LOADED_AT = 'customers_loaded_at';
const APPROVAL_POLL_MS = 5_000;

const forbidden = (message: string, userMessage: string) => new HandledError('forbidden', message, userMessage);
const notFound = (what: string) => new HandledError('not_found', `${what} not found`, '找不到该客户，请先同步客户列表或重新搜索。');

export function memberStorePath(dataDir: string, userid: string): string {
  const dir = createHash('sha256').update(userid).digest('hex').slice(0, 16);
  return path.join(dataDir, 'members', dir, 'store.sqlite');
}

export class Workspace {
  readonly db: Db;
  readonly me: Me;
  private access: Access;
  private linter: Linter;
  private client: WecomClient | null = null;
  private engine: SyncEngine | null = null;
  private online: boolean;
  private loading = false;
  private stopped = false;
  private lastLive = new Set<string>();
  private approvalTimer: NodeJS.Timeout | undefined;
  private lastStatusJson = '';
  private readonly now: () => number;
  private readonly getMeta;
  private readonly setMeta;

  constructor(private readonly opts: WorkspaceOptions) {
    this.me = opts.me;
    this.now = opts.now ?? Date.now;
    this.online = opts.online;
    const file = memberStorePath(opts.dataDir, opts.me.userid);
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = openDatabase(file, opts.sqliteNativeBinding ? { nativeBinding: opts.sqliteNativeBinding } : {});
    this.getMeta = prepared<[string], string>(this.db, `SELECT value FROM meta WHERE key = ?`).pluck();
    this.setMeta = prepared(this.db, `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    const policy = currentPolicy<PolicyDocument>(this.db, 'policy');
    const pack = defaultRulePack();
    this.access = new Access(this.db, opts.me, policy?.body ?? provisionalPolicy(pack.id, pack.version), !policy);
    this.linter = linterFrom(currentPolicy<{ pack: unknown; overlay: unknown }>(this.db, 'rules')?.body);
    purgeRecycleBin(this.db, toSeconds(this.now()));
    this.lastLive = this.liveCustomers();
  }

  /** What the mute helper (./mute.ts) works with: the store, the cached policy and the team connection. */
  muteDeps(): { db: Db; me: Me; policy: PolicyDocument; serverUrl: string; token: string; fetch: typeof fetch; now: () => number } {
    return { db: this.db, me: this.me, policy: this.access.policy, serverUrl: this.opts.serverUrl, token: this.opts.token, fetch: this.opts.fetch ?? fetch, now: this.now };
  }

  /** What the tag health check (./doctor.ts) works with: the store, the relay client, the engine's refreshes. */
  doctorDeps(): DesktopDoctorDeps & { role: string; serverUrl: string; token: string; fetch: typeof fetch } {
    return {
      db: this.db, member: this.me.userid, client: this.client, online: this.online, now: this.now,
      conflicts: () => this.conflicts(),
      refreshCustomer: (external) => this.refreshCustomer(external),
      refreshCatalog: async () => {
        if (!this.engine) throw new HandledError('unavailable', 'offline', '当前离线，无法从企业微信刷新；本机数据仍可查看和编辑。');
        await this.engine.refreshCatalog();
        this.rebuildAccess();
        this.opts.bus.emit({ type: 'catalog.changed' });
      },
      role: this.me.role, serverUrl: this.opts.serverUrl, token: this.opts.token, fetch: this.opts.fetch ?? fetch,
    };
  }

  /** What the hand-over packet helper (./handover-packet.ts) works with. */
  packetDeps(): PacketDeps & { serverUrl: string; token: string; fetch: typeof fetch } {
    return {
      db: this.db, me: this.me, linter: this.linter, now: this.now, serverUrl: this.opts.serverUrl, token: this.opts.token, fetch: this.opts.fetch ?? fetch,
      personalCreate: (name, external) => void this.personalCreate(name, external),
      ensureCustomer: async (external) => {
        if (!this.hasCustomer(external) && this.engine && this.online) await this.engine.refreshCustomers([external]);
        return this.hasCustomer(external);
      },
    };
  }

  // --- lifecycle ----------------------------------------------------------------------------

  /** Connects what can be connected; never throws (offline is a state, not an error). */
  async start(): Promise<void> {
    this.scheduleApprovals(0);
    if (this.online) await this.connect();
    this.emitStatus();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.approvalTimer);
    void this.engine?.stop().finally(() => { if (this.db.open) this.db.close(); });
    if (!this.engine && this.db.open) this.db.close();
  }

  setOnline(online: boolean): void {
    const was = this.online;
    this.online = online;
    this.engine?.setOnline(online);
    if (online && !was) void this.connect();
    if (online) this.scheduleApprovals(0);
    this.emitStatus();
  }

  /** Policy, rules, the relay client and the first (or a refreshing) load of the member's customers. */
  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.refreshPolicy();
      if (!this.client) this.client = await this.makeClient();
      if (!this.engine) this.startEngine(this.client);
      if (!this.getMeta.get(META_LOADED_AT)) await this.fullLoad();
      else await this.engine!.refreshCatalog();
      void this.refreshApprovals().catch((e: unknown) => this.opts.log.info({ err: (e as Error).message }, "approvals: refresh failed"));
    } catch (e) {
      this.opts.log.warn({ err: (e as Error).message }, 'workspace: connect failed; working offline');
    } finally {
      this.emitStatus();
    }
  }

  private async makeClient(): Promise<WecomClient> {
    let corpid = this.getMeta.get(META_CORPID) ?? null;
    if (!corpid) {
      corpid = (await this.opts.api.health()).corpid;
      this.setMeta.run(META_CORPID, corpid);
    }
    const doFetch = this.opts.fetch ?? fetch;
    return createWecomClient({
      baseUrl: this.opts.serverUrl, corpid, corpsecret: this.opts.token,
      fetch: (url, init) => doFetch(url, init), now: this.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: Math.random,
    });
  }

  private startEngine(client: WecomClient): void {
    this.engine = new SyncEngine({
      db: this.db, member: this.me.userid, client, now: this.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)), random: Math.random,
      originOf: (groupId) => (this.access.isGoverned(groupId) ? 'app' : 'console'),
      onEvent: (e) => this.onSyncEvent(e),
    });
    this.engine.setOnline(this.online);
    this.engine.start();
  }

  private async fullLoad(): Promise<void> {
    if (!this.engine || this.loading) return;
    this.loading = true;
    this.emitStatus();
    try {
      const stats = await this.engine.initialLoad({ directory: true });
      this.setMeta.run(META_LOADED_AT, String(toSeconds(this.now())));
      this.rebuildAccess();
      this.opts.log.info({ relations: stats.relations, pages: stats.pages }, 'workspace: customers loaded');
      this.opts.bus.emit({ type: 'catalog.changed' });
    } finally {
      this.loading = false;
      this.emitStatus();
    }
  }

  private async refreshPolicy(): Promise<void> {
    const [rawPolicy, rules] = await Promise.all([this.opts.api.policy(this.opts.token), this.opts.api.rules(this.opts.token)]);
    const parsed = parsePolicyDocument(rawPolicy);
    if (!parsed.ok) {
      this.opts.log.warn('workspace: the team server sent a policy this version cannot read; keeping the last one');
    } else {
      putPolicy(this.db, 'policy', parsed.value.revision, parsed.value, toSeconds(this.now()));
      prunePolicy(this.db, 'policy');
    }
    putPolicy(this.db, 'rules', parsed.ok ? parsed.value.revision : 0, rules, toSeconds(this.now()));
    prunePolicy(this.db, 'rules');
    this.linter = linterFrom(rules);
    this.rebuildAccess();
  }

  private rebuildAccess(): void {
    const policy = currentPolicy<PolicyDocument>(this.db, 'policy');
    const pack = defaultRulePack();
    this.access = new Access(this.db, this.me, policy?.body ?? provisionalPolicy(pack.id, pack.version), !policy);
  }

  // --- events from the team server and the engine --------------------------------------------

  async onTeamEvent(env: TeamEventEnvelope): Promise<void> {
    const e = env.event;
    try {
      switch (e.kind) {
        case 'catalog.changed':
          await this.engine?.refreshCatalog();
          this.rebuildAccess();
          this.opts.bus.emit({ type: 'catalog.changed' });
          return;
        case 'customer.tags.changed':
          if (e.userid !== this.me.userid && !this.hasCustomer(e.externalUserid)) return;
          await this.engine?.refreshCustomers([e.externalUserid]);
          this.opts.bus.emit({ type: 'customer.changed', externalUserid: e.externalUserid });
          return;
        case 'approval.updated':
          await this.refreshApprovals();
          this.opts.bus.emit({ type: 'approvals.changed', requestId: e.requestId, status: e.status });
          return;
        case 'policy.updated':
          await this.refreshPolicy();
          this.opts.bus.emit({ type: 'catalog.changed' });
          return;
        case 'chat.current':
          if (!this.hasCustomer(e.externalUserid) && this.engine) await this.engine.refreshCustomers([e.externalUserid]).catch(() => undefined);
          this.opts.bus.emit({ type: 'chat.current', externalUserid: e.externalUserid });
          return;
        case 'resync':
          if (this.engine) await this.fullLoad();
          return;
        case 'mute.lifts.changed':
          await muteDesk(this).refreshLifts(true);
          this.opts.bus.emit({ type: 'mute.changed' });
          return;
        case 'device.revoked':
          return;
      }
    } catch (err) {
      this.opts.log.warn({ kind: e.kind, err: (err as Error).message }, 'workspace: team event not applied; the next refresh catches up');
    }
  }

  private onSyncEvent(e: SyncEvent): void {
    if (e.type === 'pair-error') this.opts.log.warn({ err: e.message }, 'sync: a customer could not be synced; retrying later');
    if (e.type === 'config-error') this.opts.log.error({ err: e.message }, 'sync: configuration error');
    if (e.type === 'progress') this.announceSettled();
    this.emitStatus();
  }

  /** Customers whose last live change just settled: their panels change state (pending → applied). */
  private announceSettled(): void {
    const now = this.liveCustomers();
    for (const ext of this.lastLive) if (!now.has(ext)) this.opts.bus.emit({ type: 'customer.changed', externalUserid: ext });
    this.lastLive = now;
  }

  private liveCustomers(): Set<string> {
    return new Set([...pairsWithLiveOps(this.db)].map((k) => k.split('\u0000')[1]!));
  }

  /**
   * Names of customers the member does not follow (a supervisor's queue, team history): read
   * once through the relay and kept as customer cards, so later lists and panels know them.
   */
  private async learnCustomers(externals: Iterable<string>): Promise<void> {
    if (!this.client || !this.online) return;
    const unknown = [...new Set(externals)].filter((e) => !this.hasCustomer(e)).slice(0, 50);
    for (const ext of unknown) {
      try {
        const c = (await this.client.getExternalContact(ext)).external_contact;
        upsertCustomers(this.db, [{ externalUserid: c.external_userid, name: c.name, type: c.type, gender: c.gender, corpName: c.corp_name ?? null, corpFullName: c.corp_full_name ?? null, position: c.position ?? null, avatar: c.avatar ?? null }], toSeconds(this.now()));
      } catch (e) {
        this.opts.log.info({ err: (e as Error).message }, 'workspace: customer card not readable; shown by id');
      }
    }
  }

  /** A member's name as the directory on this device has it (the signed-in member's from the session). */
  private memberName(userid: string): string | null {
    if (userid === this.me.userid) return this.me.name;
    return prepared<[string], string>(this.db, `SELECT name FROM members WHERE userid = ?`).pluck().get(userid) ?? null;
  }

  private hasCustomer(external: string): boolean {
    return prepared<[string], number>(this.db, `SELECT 1 FROM customers WHERE external_userid = ?`).pluck().get(external) !== undefined;
  }

  // --- status ---------------------------------------------------------------------------------

  status(): SyncStatusView {
    const counts = outboxCounts(this.db);
    const st = this.engine?.status();
    const loadedAt = this.getMeta.get(META_LOADED_AT);
    return {
      online: this.online,
      loading: this.loading,
      loaded: {
        customers: prepared<[string], number>(this.db, `SELECT COUNT(*) FROM follow_relations WHERE member_userid = ?`).pluck().get(this.me.userid)!,
        at: loadedAt ? new Date(Number(loadedAt) * 1000).toISOString() : null,
      },
      stalled: st?.stalled ?? false,
      configError: st?.configError ?? null,
      queued: counts.pending + counts.sending + counts.unknown,
      parked: counts.parked,
      approvalsQueued: queuedApprovalCount(this.db),
      lastProgressAt: st ? new Date(st.lastProgressAt).toISOString() : null,
    };
  }

  private emitStatus(): void {
    if (!this.db.open) return;
    const status = this.status();
    const json = JSON.stringify(status);
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    this.opts.bus.emit({ type: 'sync', status });
  }

  async syncNow(): Promise<SyncStatusView> {
    if (!this.online) return this.status();
    await this.connect();
    await this.engine?.drain();
    this.announceSettled();
    this.scheduleApprovals(0);
    this.emitStatus();
    return this.status();
  }

  private changed(external: string): void {
    this.lastLive.add(external);
    this.engine?.kick();
    this.opts.bus.emit({ type: 'customer.changed', externalUserid: external });
    this.emitStatus();
  }

  // --- reads ----------------------------------------------------------------------------------

  search(query: string, limit: number): { hits: SearchHit[]; total: number } {
    const mobiles = prepared<[string, string], string>(this.db, `SELECT r.remark_mobiles FROM follow_relations r JOIN customers c ON c.id = r.customer_id
      WHERE c.external_userid = ? AND r.member_userid = ?`).pluck();
    const hits = searchCustomers(this.db, query, { limit, memberUserid: this.me.userid }).map((h): SearchHit => ({
      externalUserid: h.externalUserid, name: h.name, corpName: h.corpName, remark: h.remark || null, match: h.matchedBy,
      mobileTail: mobileTail(JSON.parse(mobiles.get(h.externalUserid, this.me.userid) ?? '[]') as string[]),
    }));
    return { hits, total: hits.length };
  }

  panel(external: string): PanelView {
    const view = buildPanelView(this.db, this.access, this.me.userid, external, toSeconds(this.now()));
    if (!view) throw notFound(`customer ${external}`);
    return view;
  }

  async refreshCustomer(external: string): Promise<PanelView> {
    if (!this.engine || !this.online) throw new HandledError('unavailable', 'offline', '当前离线，无法从企业微信刷新；本机数据仍可查看和编辑。');
    await this.engine.refreshCustomers([external]);
    return this.panel(external);
  }

  /**
   * The customer's history: this device's own entries (personal ones only here, for their
   * owner), plus — when the team server answers — enterprise changes made elsewhere (other
   * devices, approvals, bulk work), from the central audit the member may see.
   */
  async history(external: string, limit: number): Promise<HistoryEntry[]> {
    const local = customerHistory(this.db, external, this.me.userid, (id) => this.memberName(id), limit);
    if (!this.online) return local;
    let remote: HistoryEntry[] = [];
    try {
      const events = await this.opts.api.audit(this.opts.token, { customer: external, limit });
      remote = events.map((raw) => raw as { at: string; actor: string; device: string; source: string; action: string; target: { tagId?: string }; before: unknown; after: unknown })
        // This device's own relayed writes are already in the local history.
        .filter((e) => e.device !== this.me.deviceId && (e.action.startsWith('tag.') || e.action === 'relation.remark'))
        .map((e) => ({
          at: e.at, actor: e.actor, actorName: this.memberName(e.actor), source: e.source === 'relay' ? 'panel' : e.source, action: e.action,
          summary: teamSummary(e, (id) => tagById(this.db, id)?.name ?? null), chain: 'enterprise' as const,
        }));
    } catch (e) {
      this.opts.log.info({ err: (e as Error).message }, 'history: central audit unavailable; showing this device only');
    }
    return [...local, ...remote].sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
  }

  /** The policy's screen watermark for this member (off until a policy says otherwise). */
  watermark(): { enabled: boolean; opacity: number; text: string } {
    const w = this.access.policy.watermark;
    return { enabled: w.enabled && !this.access.provisional, opacity: w.opacity, text: `${this.me.name} ${this.me.userid}` };
  }

  catalogGroups(): ReturnType<Access['groups']> {
    return this.access.groups();
  }

  suggest(external: string, column: 'enterprise' | 'personal', query: string, limit: number): Suggestion[] {
    if (column === 'enterprise') {
      const applied = new Set(effectiveTagsFor(this.db, this.me.userid, external)?.effective ?? []);
      const items = this.access.groups().flatMap((g) => g.tags.map((t) => ({ ...t, g })));
      return rankCandidates(query, items, limit).map((t) => ({
        kind: 'enterprise' as const, id: t.tagId, name: t.name, groupId: t.g.groupId, groupName: t.g.groupName,
        applied: applied.has(t.tagId), disabledReason: t.g.canApply ? null : t.g.why, requiresApproval: t.g.requiresApproval,
      }));
    }
    this.requirePersonal();
    const customerId = prepared<[string], number>(this.db, `SELECT id FROM customers WHERE external_userid = ?`).pluck().get(external);
    const on = new Set(customerId === undefined ? [] : prepared<[number], number>(this.db, `SELECT personal_tag_id FROM personal_tag_assignments WHERE customer_id = ?`).pluck().all(customerId));
    const tags = listPersonalTags(this.db);
    const out: Suggestion[] = rankCandidates(query, tags, limit).map((t) => ({
      kind: 'personal', id: String(t.id), name: t.name, groupId: null, groupName: null, applied: on.has(t.id), disabledReason: null, requiresApproval: false,
    }));
    const q = query.trim();
    if (q && !tags.some((t) => t.name === q)) {
      const v = this.linter.lint(q, { field: 'tag' });
      const blocked = v.verdict === 'block' || v.verdict === 'approval' || v.verdict === 'replace';
      out.push({ kind: 'create-personal', id: '', name: q, groupId: null, groupName: null, applied: false, disabledReason: blocked ? v.findings[0]?.message ?? '内容不合规' : null, requiresApproval: false });
    }
    return out;
  }

  lint(text: string, field: 'tagName' | 'personalTag' | 'remark' | 'description'): LintView {
    const f = field === 'remark' || field === 'description' ? 'note' : 'tag';
    return lintView(this.linter, this.linter.lint(text, { field: f }), text);
  }

  // --- enterprise tags and remarks ------------------------------------------------------------

  private requireFollow(external: string): void {
    if (!this.hasCustomer(external)) throw notFound(`customer ${external}`);
    const follows = prepared<[string, string], number>(this.db, `SELECT 1 FROM follow_relations r JOIN customers c ON c.id = r.customer_id
      WHERE c.external_userid = ? AND r.member_userid = ?`).pluck().get(external, this.me.userid);
    if (follows === undefined) throw forbidden(`${this.me.userid} does not follow ${external}`, '你没有跟进该客户，只能查看同事的标签。');
  }

  private checkGroup(external: string, tagId: string): { groupId: string; singleChoice: boolean } {
    const tag = tagById(this.db, tagId);
    if (!tag || tag.deleted) throw new HandledError('not_found', `tag ${tagId} not in catalog`, '该标签已不存在，请刷新标签库后重试。');
    if (!tag.groupId) throw forbidden(`tag ${tagId} has no group`, '该标签不属于任何标签组，无法使用。');
    const access = this.access.group(tag.groupId, tag.groupName ?? '');
    if (!access.canApply) throw forbidden(`group ${tag.groupId} not applicable by ${this.me.userid}`, access.why ?? '你没有使用该标签组的权限。');
    if (access.requiresApproval) throw forbidden(`group ${tag.groupId} needs approval`, `「${tag.name}」需要主管审批，请填写理由后提交审批。`);
    void external;
    return { groupId: tag.groupId, singleChoice: access.singleChoice };
  }

  applyTag(external: string, tagId: string): { outcome: 'queued' | 'unchanged'; opId: string | null } {
    this.requireFollow(external);
    const { singleChoice } = this.checkGroup(external, tagId);
    if ((effectiveTagsFor(this.db, this.me.userid, external)?.effective ?? []).includes(tagId)) return { outcome: 'unchanged', opId: null };
    const meta = { member: this.me.userid, external, actor: this.me.userid, source: 'ui' as const };
    const op = singleChoice ? chooseSingleChoiceTag(this.db, meta, tagId, this.now()) : addEnterpriseTag(this.db, meta, tagId, this.now());
    this.changed(external);
    return { outcome: 'queued', opId: op.opId };
  }

  removeTag(external: string, tagId: string): { outcome: 'queued' | 'unchanged'; opId: string | null } {
    this.requireFollow(external);
    if (!(effectiveTagsFor(this.db, this.me.userid, external)?.effective ?? []).includes(tagId)) return { outcome: 'unchanged', opId: null };
    const tag = tagById(this.db, tagId);
    if (tag?.groupId && !tag.deleted) {
      const access = this.access.group(tag.groupId, tag.groupName ?? '');
      if (!access.canApply) throw forbidden(`group ${tag.groupId} read-only for ${this.me.userid}`, access.why ?? '你没有修改该标签组的权限。');
    }
    const op = removeEnterpriseTag(this.db, { member: this.me.userid, external, actor: this.me.userid, source: 'ui' }, tagId, this.now());
    this.changed(external);
    return { outcome: 'queued', opId: op.opId };
  }

  setRemark(external: string, fields: { remark?: string; description?: string }): { outcome: 'queued' | 'unchanged'; opId: string | null } {
    this.requireFollow(external);
    if (fields.remark === undefined && fields.description === undefined) return { outcome: 'unchanged', opId: null };
    for (const [field, text] of [['remark', fields.remark], ['description', fields.description]] as const) {
      if (text === undefined) continue;
      const v = this.linter.lint(text, { field: 'note' });
      if (v.verdict === 'block' || v.verdict === 'approval') {
        const f = v.findings.find((x) => x.action === 'block' || x.action === 'approval')!;
        this.reportBlocked('remark', v.findings.map((x) => x.category), external);
        throw forbidden(`${field} refused by the linter (${f.category})`, `${field === 'remark' ? '备注' : '描述'}未保存：${f.message}`);
      }
    }
    const op = setRemark(this.db, { member: this.me.userid, external, actor: this.me.userid, source: 'ui' }, fields, this.now());
    this.changed(external);
    return { outcome: 'queued', opId: op.opId };
  }

  // --- personal tags (never leave this device) ------------------------------------------------

  private requirePersonal(): void {
    if (!this.access.personal.enabled) throw forbidden('personal tags disabled by policy', `${this.access.personal.because}，无法使用个人标签。`);
  }

  /** The team server counts blocked saves (category only) to spot repeated attempts. */
  private reportBlocked(field: BlockedField, categories: string[], externalUserid?: string): void {
    reportBlockedSave({ serverUrl: this.opts.serverUrl, token: this.opts.token, fetch: this.opts.fetch ?? fetch, log: this.opts.log, online: () => this.online }, field, categories, externalUserid);
  }

  private checkPersonalName(name: string): void {
    const v = this.linter.lint(name, { field: 'tag' });
    const f = v.findings.find((x) => x.action === 'block' || x.action === 'approval' || x.action === 'replace');
    if (!f) return;
    const hint = f.action === 'replace' && f.replacement !== undefined ? `建议改为「${lintView(this.linter, v, name).replaced ?? ''}」。` : '';
    if (f.action !== 'replace') this.reportBlocked('personalTag', v.findings.map((x) => x.category));
    throw forbidden(`personal tag name refused by the linter (${f.category})`, `个人标签未保存：${f.message}${hint}`);
  }

  personalList(includeDeleted: boolean) {
    this.requirePersonal();
    const uses = new Map(prepared<[], { id: number; n: number }>(this.db, `SELECT personal_tag_id AS id, COUNT(*) AS n FROM personal_tag_assignments GROUP BY personal_tag_id`).all().map((r) => [r.id, r.n]));
    return listPersonalTags(this.db, { includeDeleted }).map((t) => ({
      id: t.id, name: t.name, color: t.color, uses: uses.get(t.id) ?? 0, deletedAt: t.deletedAt ? new Date(t.deletedAt * 1000).toISOString() : null,
    }));
  }

  personalCreate(name: string, external?: string): { id: number; name: string; color: string | null } {
    this.requirePersonal();
    const clean = name.trim();
    this.checkPersonalName(clean);
    if (external !== undefined && !this.hasCustomer(external)) throw notFound(`customer ${external}`);
    const existing = listPersonalTags(this.db).find((t) => t.name === clean);
    const tag = this.db.transaction(() => {
      const t = existing ?? createPersonalTag(this.db, clean, {}, toSeconds(this.now()));
      if (external !== undefined) assignPersonalTag(this.db, external, t.id, toSeconds(this.now()));
      return t;
    })();
    if (external !== undefined) this.opts.bus.emit({ type: 'customer.changed', externalUserid: external });
    return { id: tag.id, name: tag.name, color: tag.color };
  }

  personalAssign(external: string, tagId: number, on: boolean): boolean {
    this.requirePersonal();
    if (!this.hasCustomer(external)) throw notFound(`customer ${external}`);
    const tag = getPersonalTag(this.db, tagId);
    if (!tag || tag.deletedAt !== null) throw new HandledError('not_found', `personal tag ${tagId} not found`, '该个人标签已删除，可在回收站中恢复。');
    const changed = on ? assignPersonalTag(this.db, external, tagId, toSeconds(this.now())) : unassignPersonalTag(this.db, external, tagId, toSeconds(this.now()));
    if (changed) this.opts.bus.emit({ type: 'customer.changed', externalUserid: external });
    return changed;
  }

  personalRename(tagId: number, name: string): { id: number; name: string; color: string | null } {
    this.requirePersonal();
    const clean = name.trim();
    this.checkPersonalName(clean);
    const tag = getPersonalTag(this.db, tagId);
    if (!tag || tag.deletedAt !== null) throw new HandledError('not_found', `personal tag ${tagId} not found`, '该个人标签已删除。');
    if (listPersonalTags(this.db).some((t) => t.name === clean && t.id !== tagId)) throw new HandledError('conflict', 'duplicate personal tag name', `已有名为「${clean}」的个人标签。`);
    renamePersonalTag(this.db, tagId, clean, toSeconds(this.now()));
    return { id: tagId, name: clean, color: tag.color };
  }

  personalDelete(tagId: number, restore: boolean): boolean {
    this.requirePersonal();
    const tag = getPersonalTag(this.db, tagId);
    if (!tag) throw new HandledError('not_found', `personal tag ${tagId} not found`, '找不到该个人标签（回收站中的标签保留 72 小时）。');
    if (restore) restorePersonalTag(this.db, tagId, toSeconds(this.now())); else deletePersonalTag(this.db, tagId, toSeconds(this.now()));
    return true;
  }

  personalExport(): { fileName: string; json: string; tags: number; assignments: number } {
    this.requirePersonal();
    const tags = listPersonalTags(this.db);
    const rows = prepared<[], { tag: number; ext: string; name: string; at: number }>(this.db, `
      SELECT a.personal_tag_id AS tag, c.external_userid AS ext, c.name, a.assigned_at AS at
      FROM personal_tag_assignments a JOIN customers c ON c.id = a.customer_id ORDER BY a.personal_tag_id, c.name`).all();
    const doc = {
      schema: 'tagdesk.personal-tags', version: 1, member: this.me.userid, exportedAt: new Date(this.now()).toISOString(),
      tags: tags.map((t) => ({
        name: t.name, color: t.color,
        customers: rows.filter((r) => r.tag === t.id).map((r) => ({ externalUserid: r.ext, name: r.name, assignedAt: new Date(r.at * 1000).toISOString() })),
      })),
    };
    const day = new Date(this.now()).toISOString().slice(0, 10);
    return { fileName: `tagdesk-个人标签-${day}.json`, json: JSON.stringify(doc, null, 2), tags: tags.length, assignments: rows.length };
  }

  // --- approvals ------------------------------------------------------------------------------

  requestApproval(input: { externalUserid: string; tagId?: string; groupId?: string; proposedName?: string; reason: string }): ApprovalView {
    this.requireFollow(input.externalUserid);
    let groupId: string;
    let groupName: string | null;
    let tagName: string;
    if (input.tagId) {
      const tag = tagById(this.db, input.tagId);
      if (!tag || tag.deleted || !tag.groupId) throw new HandledError('not_found', `tag ${input.tagId} not in catalog`, '该标签已不存在，请刷新标签库后重试。');
      groupId = tag.groupId;
      groupName = tag.groupName;
      tagName = tag.name;
    } else {
      groupId = input.groupId!;
      const g = this.access.groups().find((x) => x.groupId === groupId);
      if (!g) throw new HandledError('not_found', `group ${groupId} not in catalog`, '该标签组已不存在，请刷新标签库后重试。');
      groupName = g.groupName;
      tagName = input.proposedName!.trim();
      const v = this.linter.lint(tagName, { field: 'tag' });
      if (v.verdict === 'block') {
        this.reportBlocked('approval', v.findings.map((f) => f.category), input.externalUserid);
        throw forbidden('proposed tag name blocked', `不能申请该标签：${v.findings.find((f) => f.action === 'block')!.message}`);
      }
    }
    const d = this.access.decideApply(input.externalUserid, groupId);
    if (!d.allowed) throw forbidden(`approval for group ${groupId} not allowed`, d.reason);
    const lint = this.linter.lint(tagName, { field: 'tag' });
    const findings = lint.findings.slice(0, 20).map((f) => ({ category: f.category, action: f.action, message: f.message.slice(0, 300) }));
    const requestId = randomUUID();
    const body: CreateApproval = {
      requestId, kind: 'sensitive_tag', userid: this.me.userid, externalUserid: input.externalUserid, reason: input.reason.trim(), findings,
      ...(input.tagId ? { tagId: input.tagId } : { groupId, proposedName: tagName }),
    };
    const nowSec = toSeconds(this.now());
    queueApproval(this.db, body, {
      requestId, status: 'queued', requester: this.me.userid, requesterName: this.me.name, userid: this.me.userid, externalUserid: input.externalUserid,
      tagId: input.tagId ?? null, tagName, groupId, groupName, reason: body.reason, categories: findings.map((f) => f.category),
      createdAt: new Date(nowSec * 1000).toISOString(),
    }, nowSec);
    this.scheduleApprovals(0);
    this.opts.bus.emit({ type: 'customer.changed', externalUserid: input.externalUserid });
    this.emitStatus();
    const cached = cachedApproval(this.db, requestId)!;
    return approvalView(cached, customerNameOf(this.db))!;
  }

  private scheduleApprovals(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.approvalTimer);
    this.approvalTimer = setTimeout(() => void this.sendApprovals(), ms);
    this.approvalTimer.unref?.();
  }

  /** Sends queued requests oldest first; the request id makes a resend after a lost answer harmless. */
  private async sendApprovals(): Promise<void> {
    if (this.stopped || !this.db.open) return;
    try {
      if (!this.online) return;
      for (const q of dueApprovals(this.db, toSeconds(this.now()))) {
        try {
          const a = await this.opts.api.fileApproval(this.opts.token, q.body);
          this.db.transaction(() => {
            this.cacheApprovals([a]);
            markApprovalSent(this.db, q.requestId, toSeconds(this.now()));
          })();
          this.opts.bus.emit({ type: 'customer.changed', externalUserid: q.body.externalUserid });
          this.opts.bus.emit({ type: 'approvals.changed', requestId: q.requestId, status: a.status });
        } catch (e) {
          if (e instanceof TeamApiError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 429) {
            refuseApproval(this.db, q.requestId, e.userMessage, toSeconds(this.now()));
            this.opts.bus.emit({ type: 'customer.changed', externalUserid: q.body.externalUserid });
            continue;
          }
          const delay = fullJitterDelay(q.attempts + 1, Math.random, 2_000, 5 * 60_000);
          deferApproval(this.db, q.requestId, toSeconds(this.now() + delay), (e as Error).message);
          if (e instanceof TeamUnreachableError) break;
        }
      }
    } finally {
      this.emitStatus();
      this.scheduleApprovals(APPROVAL_POLL_MS);
    }
  }

  private cacheApprovals(list: readonly Approval[]): void {
    const nowSec = toSeconds(this.now());
    const rows: CachedApproval[] = list.map((a) => ({
      requestId: a.requestId, state: a.status, memberUserid: a.userid, externalUserid: a.externalUserid, body: a,
      updatedAt: Math.max(nowSec, toSeconds(Date.parse(a.decidedAt ?? a.createdAt))),
    }));
    putApprovals(this.db, rows);
  }

  private async refreshApprovals(): Promise<void> {
    if (!this.online) return;
    const mine = await this.opts.api.listApprovals(this.opts.token, { mine: true });
    this.cacheApprovals(mine);
    if (this.me.role === 'supervisor' || this.me.role === 'admin') this.cacheApprovals(await this.opts.api.listApprovals(this.opts.token, {}));
  }

  async listApprovals(scope: 'mine' | 'team', status?: 'pending' | 'approved' | 'rejected' | 'expired'): Promise<{ approvals: ApprovalView[]; live: boolean }> {
    let live = false;
    if (this.online) {
      try {
        await this.refreshApprovals();
        live = true;
      } catch (e) {
        this.opts.log.info({ err: (e as Error).message }, 'approvals: team server unreachable; showing the cached list');
      }
    }
    if (live) {
      const externals = prepared<[], string>(this.db, `SELECT external_userid FROM approvals_cache WHERE external_userid IS NOT NULL ORDER BY updated_at DESC LIMIT 200`).pluck().all();
      await this.learnCustomers(externals);
    }
    const names = customerNameOf(this.db);
    const views = recentApprovals(this.db).map((a) => approvalView(a, names))
      .filter((v): v is ApprovalView => v !== null)
      .filter((v) => (scope === 'mine' ? v.requester === this.me.userid : v.requester !== this.me.userid || this.me.role === 'admin'))
      .filter((v) => !status || v.status === status);
    return { approvals: views, live };
  }

  async decideApprovals(ids: readonly string[], decision: { decision: 'approve' | 'reject'; replacementTagId?: string; replacementName?: string; note?: string }) {
    if (this.me.role !== 'supervisor' && this.me.role !== 'admin') throw forbidden('only supervisors decide approvals', '只有主管或管理员可以审批。');
    if (!this.online) throw new HandledError('unavailable', 'offline', '当前离线，审批需要连接团队服务器。');
    const decided: ApprovalView[] = [];
    const failed: Array<{ id: string; userMessage: string }> = [];
    const names = customerNameOf(this.db);
    for (const id of ids) {
      try {
        const a = await this.opts.api.decideApproval(this.opts.token, id, decision);
        this.cacheApprovals([a]);
        decided.push(approvalView({ requestId: a.requestId, state: a.status, memberUserid: a.userid, externalUserid: a.externalUserid, body: a, updatedAt: 0 }, names)!);
      } catch (e) {
        failed.push({ id, userMessage: e instanceof TeamApiError ? e.userMessage : '无法连接团队服务器，请稍后重试。' });
      }
    }
    return { decided, failed };
  }

  // --- conflicts ------------------------------------------------------------------------------

  conflicts(): ConflictView[] {
    const names = customerNameOf(this.db);
    return openConflicts(this.db).map((c) => {
      const op = getOp(this.db, c.opId)!;
      return conflictView(c, op, names(op.externalUserid));
    });
  }

  async resolveConflict(id: number, choice: { kind: 'pick-replacement'; tagId: string; groupId: string | null } | { kind: 'create-tag' } | { kind: 'retry' } | { kind: 'drop'; reason: string }): Promise<boolean> {
    const c = openConflicts(this.db).find((x) => x.id === id);
    if (!c) throw new HandledError('not_found', `conflict ${id} not open`, '该冲突已处理或不存在。');
    const op = getOp(this.db, c.opId)!;
    if (choice.kind === 'pick-replacement') {
      const offered = c.choices.some((ch) => ch.kind === 'pick-replacement' && ch.candidates.some((x) => x.tagId === choice.tagId));
      if (!offered) this.checkGroup(op.externalUserid, choice.tagId);
    }
    try {
      const decision = choice.kind === 'pick-replacement' ? { ...choice, groupId: choice.groupId ?? tagById(this.db, choice.tagId)?.groupId ?? null } : choice;
      await resolveInboxItem(this.db, this.online ? this.client ?? undefined : undefined, id, decision, this.me.userid, this.now());
    } catch (e) {
      if (e instanceof InboxChoiceError) throw new HandledError('conflict', e.message, choice.kind === 'create-tag' ? '新建标签需要在线，且仅在允许的标签组中可用。' : '无法按此方式处理该冲突。');
      throw e;
    }
    this.changed(op.externalUserid);
    return true;
  }

  // --- team history (supervisors) -------------------------------------------------------------

  async teamHistory(q: { member?: string; externalUserid?: string; source?: string; from?: string; to?: string; limit: number }): Promise<TeamHistoryEntry[]> {
    if (!this.online) throw new HandledError('unavailable', 'offline', '当前离线，团队记录需要连接团队服务器。');
    let events: unknown[];
    try {
      events = await this.opts.api.audit(this.opts.token, { member: q.member, customer: q.externalUserid, source: q.source, from: q.from, to: q.to, limit: q.limit });
    } catch (e) {
      if (e instanceof TeamApiError) throw new HandledError(e.status === 403 ? 'forbidden' : 'unavailable', e.message, e.userMessage);
      throw new HandledError('unavailable', (e as Error).message, '无法连接团队服务器，请稍后重试。');
    }
    await this.learnCustomers(events.map((raw) => (raw as { target: { customer?: string } }).target.customer).filter((c): c is string => typeof c === 'string'));
    const names = customerNameOf(this.db);
    return events.map((raw) => {
      const e = raw as { seq: number; at: string; actor: string; source: string; action: string; target: { kind: string; customer?: string; tagId?: string; member?: string }; before: unknown; after: unknown };
      const customer = e.target.customer ?? null;
      const summary = teamSummary(e, (id) => tagById(this.db, id)?.name ?? null);
      return {
        seq: e.seq, at: e.at, actor: e.actor, actorName: this.memberName(e.actor), source: e.source, action: e.action,
        externalUserid: customer, customerName: customer ? names(customer) : null, summary,
      };
    });
  }
}

const TEAM_VERBS: Record<string, string> = {
  'tag.add': '添加企业标签', 'tag.remove': '移除企业标签', 'approval.file': '申请审批', 'approval.approve': '批准审批', 'approval.reject': '驳回审批',
};

/** A Chinese line for a central audit event (the tag's name from the event, else the local catalog). */
function teamSummary(e: { action: string; target: { tagId?: string }; before: unknown; after: unknown }, tagName: (id: string) => string | null): string {
  if (e.action === 'relation.remark') return '修改备注';
  const verb = TEAM_VERBS[e.action];
  if (!verb) return e.action;
  const named = (e.after as { tagName?: string } | null)?.tagName ?? (e.before as { tagName?: string } | null)?.tagName;
  const label = named ?? (e.target.tagId ? tagName(e.target.tagId) ?? '' : '');
  return `${verb}${label ? `「${label}」` : ''}`;
}
