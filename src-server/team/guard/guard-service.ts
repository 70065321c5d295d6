// The guard: watches the server's audit chain for suspicious edits, counts blocked-text
// attempts (from the relay's linter refusals and the desktops' own reports), raises alerts to
// the actor's overseers and admins, reverts an alert's changes through one batch, and suspends
// or lifts a member's tagging. Thresholds come from the policy's `guardrails` (docs/guardrails.md).
import type { TeamContext } from '../context';
import type { AuditEvent } from '../../../src-shared/audit/index';
import { guardrailsOf, type Guardrails } from '../../../src-shared/policy/index';
import { TeamHttpError } from '../http/respond';
import { loadRelations, relationKey } from '../admin/relations';
import type { BatchChange } from '../batches/batch-store';
import type { BatchProgress } from '../batches/batch-service';
import { createDetectors, type Detection } from './detectors';
import { createGuardStore, type AlertKind, type AlertStatus, type GuardAlert, type GuardChange, type GuardStore, type Suspension } from './guard-store';

const SERVER_ACTOR = 'team-server';
const MINUTE = 60_000;
const IGNORED_SOURCES = new Set(['revert', 'sync']);
/** How often an open alert's newly seen changes are written out. */
const FLUSH_MS = 250;

export interface BlockedAttempt {
  userid: string;
  deviceId: string | null;
  origin: 'relay' | 'desktop';
  /** What was being saved: a tag name, a remark, a personal tag, an approval's wording. */
  field: string;
  /** The linter's categories; the text itself never reaches the server. */
  categories: string[];
  externalUserid: string | null;
}

export type GuardService = ReturnType<typeof createGuardService>;

const services = new WeakMap<TeamContext, GuardService>();

/** The guard of this server (created on first use; `watch` starts it with the server). */
export function guardOf(ctx: TeamContext): GuardService {
  let g = services.get(ctx);
  if (!g) services.set(ctx, (g = createGuardService(ctx)));
  return g;
}

/** Starts watching the central audit; called once when the server starts. */
export function watchForSuspiciousEdits(ctx: TeamContext): void {
  guardOf(ctx).watch();
}

function changeOf(e: AuditEvent<'enterprise'>): GuardChange | null {
  if (e.target.kind !== 'relationTag' || (e.action !== 'tag.add' && e.action !== 'tag.remove') || IGNORED_SOURCES.has(e.source)) return null;
  const value = (e.action === 'tag.add' ? e.after : e.before) as { tagName?: string | null; groupName?: string | null } | null;
  return {
    seq: e.seq, at: e.at, actor: e.actor, member: e.target.member, customer: e.target.customer, tagId: e.target.tagId, action: e.action,
    tagName: value?.tagName ?? null, groupName: value?.groupName ?? null, source: e.source,
  };
}

/** 移除「优质」×50、添加「待淘汰」×50 — the three most frequent changes. */
function topChanges(changes: readonly GuardChange[]): { text: string; counts: { action: string; tagId: string; tagName: string | null; groupName: string | null; count: number }[] } {
  const counts = new Map<string, { action: string; tagId: string; tagName: string | null; groupName: string | null; count: number }>();
  for (const c of changes) {
    const k = `${c.action}|${c.tagId}`;
    const n = counts.get(k) ?? { action: c.action, tagId: c.tagId, tagName: c.tagName, groupName: c.groupName, count: 0 };
    n.count++;
    counts.set(k, n);
  }
  const list = [...counts.values()].sort((a, b) => b.count - a.count);
  const text = list.slice(0, 3).map((c) => `${c.action === 'tag.add' ? '添加' : '移除'}「${c.tagName ?? c.tagId}」×${c.count}`).join('、');
  return { text, counts: list };
}

export function createGuardService(ctx: TeamContext) {
  const store: GuardStore = createGuardStore(ctx.db, (u) => ctx.directory.member(u)?.name ?? u);
  const detectors = createDetectors();
  /** Open windows: a detection inside one extends the alert instead of raising another. */
  const open = new Map<string, { alertId: string; until: number }>();
  const lastWriteDevice = new Map<string, string>();
  let watching = false;

  const nameOf = (u: string): string => ctx.directory.member(u)?.name ?? u;
  const audienceOf = (actor: string): string[] => [...new Set([...ctx.directory.overseersOf(actor), ...ctx.directory.members().filter((m) => m.active && m.role === 'admin').map((m) => m.userid)])].filter((u) => u !== actor);
  const deviceLabel = (deviceId: string): string => {
    const row = ctx.db.prepare(`SELECT label FROM devices WHERE id = ?`).get(deviceId) as { label: string } | undefined;
    return row?.label ? `${row.label}（${deviceId}）` : deviceId;
  };
  const deviceOf = (actor: string, changes: readonly GuardChange[]): string | null => {
    const batched = changes.find((c) => c.source !== 'relay');
    const relayed = lastWriteDevice.get(actor);
    if (relayed && (!batched || changes.some((c) => c.source === 'relay'))) return deviceLabel(relayed);
    return batched ? `团队服务器（${batched.source} 批量任务）` : null;
  };

  function announce(alert: GuardAlert, extra: string[] = []): void {
    ctx.events.publish({ kind: 'guard.alert', alertId: alert.id, alertKind: alert.kind, actor: alert.actor, status: alert.status, summary: alert.summary }, [...new Set([...audienceOf(alert.actor), ...extra])]);
  }

  function describe(d: Detection, actor: string): { summary: string; details: Record<string, unknown> } {
    const top = topChanges(d.changes);
    const relations = new Set(d.changes.map((c) => relationKey(c.member, c.customer))).size;
    const customers = new Set(d.changes.map((c) => c.customer)).size;
    const details = { windowMinutes: d.windowMinutes, relations, customers, changes: d.changes.length, counts: top.counts, from: d.changes[0]?.at ?? null, to: d.changes.at(-1)?.at ?? null };
    const name = nameOf(actor);
    if (d.kind === 'mass_change') return { summary: `${name} 在 ${d.windowMinutes} 分钟内改动了 ${customers} 位客户的标签（${top.text}）`, details };
    if (d.kind === 'tag_removal') {
      const c = d.changes[0]!;
      const actors = [...new Set(d.changes.map((x) => x.actor))];
      return { summary: `${d.windowMinutes} 分钟内标签「${c.groupName ? `${c.groupName}:` : ''}${c.tagName ?? c.tagId}」被移除 ${d.changes.length} 次（操作人：${actors.map(nameOf).join('、')}）`, details: { ...details, actors } };
    }
    const w = guardrailsOf(ctx.policy.current()).workingHours;
    return { summary: `${name} 在非工作时间（${w.timeZone} ${w.start}–${w.end} 以外）改动了 ${d.changes.length} 处标签（${top.text}）`, details: { ...details, workingHours: w } };
  }

  /**
   * Open alerts keep their changes in memory: a change inside an open window is appended there
   * and written out at most every FLUSH_MS (and before any read), so a 2,000-item batch costs
   * one append per change, not a rewrite of the whole alert per change.
   */
  const live = new Map<string, { alertId: string; until: number; d: Detection; actor: string; changes: GuardChange[]; seqs: Set<number>; dirty: boolean }>();
  let flushTimer: NodeJS.Timeout | null = null;

  function flush(): void {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    if (!ctx.db.open) return;
    for (const a of live.values()) {
      if (!a.dirty) continue;
      a.dirty = false;
      const again = describe({ ...a.d, changes: a.changes }, a.actor);
      store.extendAlert(a.alertId, again.summary, again.details, a.changes, ctx.now().toISOString());
    }
  }

  /** A resolved alert takes no more changes: the next detection raises a new one. */
  function forget(alertId: string): void {
    for (const [k, a] of live) if (a.alertId === alertId) live.delete(k);
  }

  function raiseOrExtend(d: Detection, change: GuardChange, atMs: number): void {
    const key = `${d.kind}|${d.key}`;
    const current = live.get(key);
    if (current && atMs < current.until) {
      if (!current.seqs.has(change.seq)) {
        current.changes.push(change);
        current.seqs.add(change.seq);
        current.dirty = true;
        flushTimer ??= setTimeout(flush, FLUSH_MS);
        flushTimer.unref?.();
      }
      current.until = atMs + d.windowMinutes * MINUTE;
      return;
    }
    const changes = [...d.changes];
    const actor = d.kind === 'tag_removal' ? mostFrequentActor(changes) : d.key;
    const { summary, details } = describe({ ...d, changes }, actor);
    const alert = ctx.db.transaction(() => {
      const a = store.createAlert({ kind: d.kind, actor, device: deviceOf(actor, changes), summary, details, changes, at: new Date(atMs).toISOString() });
      ctx.audit.append({ actor: SERVER_ACTOR, source: 'automation', action: 'guard.alert', target: { kind: 'member', member: actor }, before: null, after: { alertId: a.id, kind: a.kind, summary, customers: a.customers.length } });
      return a;
    })();
    live.set(key, { alertId: alert.id, until: atMs + d.windowMinutes * MINUTE, d: { ...d, changes: [] }, actor, changes, seqs: new Set(changes.map((c) => c.seq)), dirty: false });
    announce(alert);
  }

  const stored = ctx.db.prepare(`SELECT 1 FROM audit_events WHERE chain_id = 'server' AND seq = ? AND hash = ?`).pluck();
  let railsCache: { revision: number; value: Guardrails } | null = null;
  const railsNow = (): Guardrails => {
    const doc = ctx.policy.current();
    if (railsCache?.revision !== doc.revision) railsCache = { revision: doc.revision, value: guardrailsOf(doc) };
    return railsCache.value;
  };

  function observe(e: AuditEvent<'enterprise'>): void {
    const change = changeOf(e);
    // The append's transaction has ended by now (they are synchronous): skip one that rolled back.
    if (!change || !stored.get(e.seq, e.hash)) return;
    for (const d of detectors.observe(change, railsNow())) raiseOrExtend(d, change, Date.parse(change.at));
  }

  /** Supervisors and admins; the permission engine decides whose work they oversee. */
  function requireOverseer(viewer: string, members: readonly string[], write: boolean): void {
    const me = ctx.directory.member(viewer);
    if (!me?.active || (me.role !== 'admin' && me.role !== 'supervisor')) {
      throw new TeamHttpError('forbidden', 'supervisors and admins only', '只有主管和管理员可以处理可疑操作提醒。');
    }
    for (const m of new Set(members)) {
      const caller = { userid: viewer, deviceId: 'guard' };
      const refusal = write ? ctx.governance.actOnRelation(caller, m) : ctx.governance.readRelations(caller, m);
      if (refusal) throw new TeamHttpError('forbidden', `${viewer} does not oversee ${m}`, refusal.reason);
    }
  }

  /** The members whose alerts a viewer sees: null = everyone (admins). */
  function overseen(viewer: string): string[] | null {
    const me = ctx.directory.member(viewer);
    if (!me?.active || (me.role !== 'admin' && me.role !== 'supervisor')) {
      throw new TeamHttpError('forbidden', 'supervisors and admins only', '只有主管和管理员可以查看可疑操作提醒。');
    }
    if (me.role === 'admin') return null;
    return ctx.directory.teamOf(me).map((m) => m.userid).filter((u) => ctx.governance.readRelations({ userid: viewer, deviceId: 'guard' }, u) === null);
  }

  const service = {
    store,

    watch(): void {
      if (watching) return;
      watching = true;
      ctx.audit.onAppend((e) => {
        // The listener runs after the append's stack; the server may have closed meanwhile.
        if (!ctx.db.open) return;
        try {
          observe(e);
        } catch (err) {
          ctx.log.error({ err }, 'guard: observing an audit event failed');
        }
      });
    },

    /** The relay tells which device a member's last write came from ("from which device"). */
    noteWrite(userid: string, deviceId: string): void {
      lastWriteDevice.set(userid, deviceId);
    },

    suspension(userid: string): Suspension | null {
      return store.suspension(userid);
    },

    /** A save the linter refused; escalates (and, by policy, suspends) at the threshold. */
    recordBlocked(a: BlockedAttempt): { attempts: number; threshold: number; suspended: boolean; alertId: string | null } {
      const member = ctx.directory.member(a.userid);
      const rails = guardrailsOf(ctx.policy.current()).blockedAttempts;
      const now = ctx.now();
      const at = now.toISOString();
      store.recordAttempt({ ...a, at });
      const attempts = store.attemptsSince(a.userid, new Date(now.getTime() - rails.windowMinutes * MINUTE).toISOString());
      let suspended = store.suspension(a.userid) !== null;
      if (!member || !rails.enabled || attempts.length < rails.threshold) return { attempts: attempts.length, threshold: rails.threshold, suspended, alertId: null };
      const categories: Record<string, number> = {};
      const fields: Record<string, number> = {};
      for (const x of attempts) {
        fields[x.field] = (fields[x.field] ?? 0) + 1;
        for (const c of x.categories) categories[c] = (categories[c] ?? 0) + 1;
      }
      const summary = `${member.name} 在 ${rails.windowMinutes} 分钟内 ${attempts.length} 次尝试保存被拦截的内容（${Object.keys(categories).join('、') || '未注明类别'}）`;
      const details = { windowMinutes: rails.windowMinutes, attempts: attempts.length, categories, fields, suspend: rails.suspend };
      const key = `blocked_attempts|${a.userid}`;
      const current = open.get(key);
      const existing = current && now.getTime() < current.until ? store.alert(current.alertId) : null;
      let alertId: string;
      if (existing?.status === 'open') {
        store.extendAlert(existing.id, summary, details, [], at);
        alertId = existing.id;
      } else {
        const alert = ctx.db.transaction(() => {
          const created = store.createAlert({ kind: 'blocked_attempts', actor: a.userid, device: a.deviceId ? deviceLabel(a.deviceId) : null, summary, details, changes: [], at });
          ctx.audit.append({ actor: SERVER_ACTOR, source: 'automation', action: 'guard.alert', target: { kind: 'member', member: a.userid }, before: null, after: { alertId: created.id, kind: created.kind, summary } });
          return created;
        })();
        alertId = alert.id;
        announce(alert);
      }
      open.set(key, { alertId, until: now.getTime() + rails.windowMinutes * MINUTE });
      if (rails.suspend && !suspended) {
        const reason = `多次尝试保存被拦截的内容（${attempts.length} 次 / ${rails.windowMinutes} 分钟），已暂停打标签，等待主管解除。`;
        ctx.db.transaction(() => {
          store.suspend(a.userid, at, SERVER_ACTOR, reason, alertId);
          ctx.audit.append({ actor: SERVER_ACTOR, source: 'automation', action: 'member.suspend', target: { kind: 'member', member: a.userid }, before: null, after: { alertId, reason } });
        })();
        suspended = true;
        ctx.events.publish({ kind: 'guard.alert', alertId, alertKind: 'suspension', actor: a.userid, status: 'suspended', summary: reason }, [a.userid, ...audienceOf(a.userid)]);
      }
      return { attempts: attempts.length, threshold: rails.threshold, suspended, alertId };
    },

    /** A supervisor (overseeing the member through the permission engine) or an admin lifts a suspension. */
    lift(viewer: string, userid: string, note: string | null): Suspension {
      requireOverseer(viewer, [userid], true);
      if (viewer === userid) throw new TeamHttpError('forbidden', 'cannot lift own suspension', '不能解除自己的暂停。');
      const s = store.suspension(userid);
      if (!s) throw new TeamHttpError('not_found', `${userid} is not suspended`, '该成员当前没有被暂停打标签。');
      const at = ctx.now().toISOString();
      ctx.db.transaction(() => {
        store.lift(userid, at, viewer, note);
        ctx.audit.append({ actor: viewer, source: 'ui', action: 'member.suspension.lift', target: { kind: 'member', member: userid }, before: { reason: s.reason, since: s.since }, after: { note } });
      })();
      ctx.events.publish({ kind: 'guard.alert', alertId: s.alertId ?? '', alertKind: 'suspension', actor: userid, status: 'lifted', summary: `${nameOf(viewer)} 已解除暂停，可以继续打标签。` }, [userid, ...audienceOf(userid)]);
      return s;
    },

    suspensions(viewer: string): (Suspension & { name: string })[] {
      const scope = overseen(viewer);
      return store.suspensions().filter((s) => scope === null || scope.includes(s.userid)).map((s) => ({ ...s, name: nameOf(s.userid) }));
    },

    alerts(viewer: string, q: { status?: AlertStatus; limit: number }): GuardAlert[] {
      flush();
      return store.alerts({ ...q, actors: overseen(viewer) });
    },

    alert(viewer: string, id: string): GuardAlert {
      flush();
      const a = store.alert(id);
      const scope = overseen(viewer);
      if (!a || (scope !== null && !scope.includes(a.actor))) throw new TeamHttpError('not_found', `no alert ${id}`, '找不到这条提醒。');
      return a;
    },

    /** Restores, through one audited batch, the tags each affected relation had before the alert's changes. */
    async revert(viewer: string, id: string): Promise<{ alert: GuardAlert; batch: BatchProgress }> {
      const a = service.alert(viewer, id);
      if (a.status !== 'open') throw new TeamHttpError('conflict', `alert is ${a.status}`, a.status === 'reverted' ? '这条提醒的改动已经撤销过了。' : '这条提醒已处理。');
      if (a.changes.length === 0) throw new TeamHttpError('conflict', 'nothing to revert', '这条提醒没有可撤销的标签改动。');
      requireOverseer(viewer, a.changes.map((c) => c.member), true);
      const changes = revertChanges(a.changes);
      if (changes.length === 0) throw new TeamHttpError('conflict', 'the changes cancel out', '这些改动相互抵消，客户标签与之前一致，无需撤销。');
      const members = [...new Set(changes.map((c) => c.userid))];
      const wanted = new Set(changes.map((c) => relationKey(c.userid, c.externalUserid)));
      const current = new Map((await loadRelations(ctx, members)).filter((r) => wanted.has(relationKey(r.userid, r.externalUserid))).map((r) => [relationKey(r.userid, r.externalUserid), r.tagIds] as const));
      // The overseer's right to act on every member was checked above; sensitive tags removed by the
      // suspicious edit come back without a new approval, exactly as they were.
      const batch = await ctx.batches.create({
        kind: 'guard-revert', source: 'revert', title: `撤销可疑操作：${a.summary}`, actor: viewer, changes, current, trusted: true, meta: { alertId: a.id },
      });
      const at = ctx.now().toISOString();
      ctx.db.transaction(() => {
        store.resolve(a.id, 'reverted', viewer, at, null, batch.id);
        forget(a.id);
        ctx.audit.append({ actor: viewer, source: 'ui', action: 'guard.alert.revert', target: { kind: 'member', member: a.actor }, before: null, after: { alertId: a.id, batchId: batch.id, relations: changes.length } });
      })();
      const alert = store.alert(a.id)!;
      announce(alert);
      return { alert, batch };
    },

    dismiss(viewer: string, id: string, note: string): GuardAlert {
      const a = service.alert(viewer, id);
      requireOverseer(viewer, [a.actor], false);
      const at = ctx.now().toISOString();
      const ok = ctx.db.transaction(() => {
        if (!store.resolve(a.id, 'dismissed', viewer, at, note, null)) return false;
        forget(a.id);
        ctx.audit.append({ actor: viewer, source: 'ui', action: 'guard.alert.dismiss', target: { kind: 'member', member: a.actor }, before: null, after: { alertId: a.id, note } });
        return true;
      })();
      if (!ok) throw new TeamHttpError('conflict', `alert is ${a.status}`, '这条提醒已处理。');
      const alert = store.alert(a.id)!;
      announce(alert);
      return alert;
    },
  };
  return service;
}

function mostFrequentActor(changes: readonly GuardChange[]): string {
  const n = new Map<string, number>();
  for (const c of changes) n.set(c.actor, (n.get(c.actor) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

/**
 * Per relation, the tags to put back: for each (relation, tag) the alert's changes touched,
 * the state before the first change versus after the last. Tags whose changes cancel out are left alone.
 */
export function revertChanges(changes: readonly GuardChange[]): BatchChange[] {
  const perTag = new Map<string, { first: GuardChange; last: GuardChange }>();
  for (const c of [...changes].sort((a, b) => a.seq - b.seq)) {
    const k = `${relationKey(c.member, c.customer)}\u0001${c.tagId}`;
    const seen = perTag.get(k);
    if (seen) seen.last = c;
    else perTag.set(k, { first: c, last: c });
  }
  const byRelation = new Map<string, BatchChange>();
  for (const { first, last } of perTag.values()) {
    const hadBefore = first.action === 'tag.remove';
    const hasAfter = last.action === 'tag.add';
    if (hadBefore === hasAfter) continue;
    const rk = relationKey(first.member, first.customer);
    let change = byRelation.get(rk);
    if (!change) byRelation.set(rk, (change = { userid: first.member, externalUserid: first.customer, add: [], remove: [] }));
    (hadBefore ? change.add : change.remove).push(first.tagId);
  }
  return [...byRelation.values()];
}

export type { AlertKind, AlertStatus, GuardAlert };
