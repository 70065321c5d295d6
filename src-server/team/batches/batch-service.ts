// Batches: the one mechanism behind every bulk change (bulk tagging, imports, recycle-bin
// restores, merges, undo). A batch is a list of per-relation deltas sent to WeCom one
// mark_tag each, five at a time through the upstream client (whose rate limiter keeps the
// company under WeCom's windows), in chunks that commit progress, audit and push together.
// Running batches resume when the server starts again; `mark_tag` is idempotent for a delta,
// and an item is settled only once, so a resumed batch never applies or audits anything twice.
import type { TeamContext } from '../context';
import type { Caller, TagRef } from '../relay/governance';
import { TeamHttpError } from '../http/respond';
import { retryClassOf } from '../../../src-shared/wecom/index';
import type { AuditSource } from '../../../src-shared/audit/index';
import { createBatchStore, type BatchChange, type BatchItem, type BatchRow, type BatchStore, type ItemStatus } from './batch-store';

/** Items sent per chunk: progress, events and the pause check happen between chunks. */
export const CHUNK = 50;
/** Concurrent mark_tag calls (ARCHITECTURE §5: at most five). */
export const CONCURRENCY = 5;
const MAX_ATTEMPTS = 6;

export interface BatchProgress {
  id: string;
  kind: string;
  source: AuditSource;
  title: string;
  status: BatchRow['status'];
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  undoOf: string | null;
  undoneBy: string | null;
  total: number;
  counts: Record<ItemStatus, number>;
  /** Seconds until done at the current rate, null when unknown or finished. */
  etaSeconds: number | null;
  meta: Record<string, unknown>;
}

export interface Refused {
  userid: string;
  externalUserid: string;
  tagId: string | null;
  reason: string;
}

export interface CreateBatchInput {
  kind: string;
  source: AuditSource;
  title: string;
  actor: string;
  changes: BatchChange[];
  current: Map<string, readonly string[]>;
  followers?: Map<string, readonly string[]>;
  meta?: Record<string, unknown>;
  /** Skip the permission check (the server's own restores after an admin's check). */
  trusted?: boolean;
  undoOf?: string;
}

export type BatchService = ReturnType<typeof createBatchService>;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function createBatchService(ctx: TeamContext, opts: { retryDelayMs?: number } = {}) {
  const store: BatchStore = createBatchStore(ctx.db, ctx.now);
  const loops = new Map<string, Promise<void>>();
  const rate = new Map<string, { since: number; settled: number }>();
  let stopped = false;

  const progress = (b: BatchRow): BatchProgress => {
    const counts = store.counts(b.id);
    let etaSeconds: number | null = null;
    const r = rate.get(b.id);
    if (b.status === 'running' && r && r.settled > 0) {
      const perMs = r.settled / Math.max(1, Date.now() - r.since);
      etaSeconds = Math.ceil(counts.pending / perMs / 1000);
    }
    return {
      id: b.id, kind: b.kind, source: b.source, title: b.title, status: b.status, createdBy: b.createdBy, createdAt: b.createdAt, finishedAt: b.finishedAt,
      undoOf: b.undoOf, undoneBy: b.undoneBy, total: b.total, counts, etaSeconds, meta: b.meta,
    };
  };

  const audienceOf = (b: BatchRow): string[] => [...new Set([b.createdBy, ...ctx.directory.overseersOf(b.createdBy)])];

  function announce(b: BatchRow): void {
    const p = progress(b);
    ctx.events.publish({ kind: 'batch.progress', batchId: b.id, status: p.status, total: p.total, done: p.counts.done + p.counts.unchanged, failed: p.counts.failed, etaSeconds: p.etaSeconds }, audienceOf(b));
  }

  /** Sends one item; returns how it settled. Transient answers are retried here with back-off. */
  async function send(item: BatchItem): Promise<{ status: 'done' | 'failed'; errcode: number | null; error: string | null }> {
    for (let attempt = 1; ; attempt++) {
      let errcode: number;
      let errmsg: string;
      try {
        const r = await ctx.upstream.call('POST', '/cgi-bin/externalcontact/mark_tag', {}, {
          userid: item.userid, external_userid: item.externalUserid,
          ...(item.add.length ? { add_tag: item.add } : {}), ...(item.remove.length ? { remove_tag: item.remove } : {}),
        });
        errcode = r.errcode ?? 0;
        errmsg = r.errmsg ?? '';
      } catch (e) {
        errcode = -1;
        errmsg = (e as Error).message;
      }
      if (errcode === 0) return { status: 'done', errcode: null, error: null };
      const cls = retryClassOf(errcode);
      if ((cls === 'back-off' || cls === 'pause-api' || cls === 'refresh-token') && attempt < MAX_ATTEMPTS && !stopped) {
        await sleep(Math.min(60_000, (opts.retryDelayMs ?? 500) * 2 ** (attempt - 1) * (0.5 + Math.random() / 2)));
        continue;
      }
      return { status: 'failed', errcode, error: errmsg || `errcode ${errcode}` };
    }
  }

  type Sent = { item: BatchItem; result: Awaited<ReturnType<typeof send>> };

  /**
   * Settles a chunk's answers in one transaction: item states, one audit event per tag, and the
   * pushes. One commit (one fsync under synchronous=FULL) per chunk instead of per item.
   */
  async function settle(b: BatchRow, sent: readonly Sent[]): Promise<void> {
    const ids = [...new Set(sent.filter((s) => s.result.status === 'done').flatMap((s) => [...s.item.add, ...s.item.remove]))];
    const refs: Map<string, TagRef> = ids.length ? await ctx.catalog.resolve(ids) : new Map<string, TagRef>();
    ctx.db.transaction(() => {
      for (const { item, result } of sent) {
        if (!store.finish(b.id, item.seq, result.status, result.errcode, result.error)) continue;
        if (result.status !== 'done') continue;
        const onBehalf = item.userid !== b.createdBy ? { onBehalfOf: item.userid } : {};
        for (const [action, tagIds] of [['tag.add', item.add], ['tag.remove', item.remove]] as const) {
          for (const tagId of tagIds) {
            const ref = refs.get(tagId);
            const value = { tagName: ref?.tagName ?? null, groupName: ref?.groupName ?? null, batchId: b.id };
            ctx.audit.append({
              actor: b.createdBy, ...onBehalf, source: b.source, action,
              target: { kind: 'relationTag', member: item.userid, customer: item.externalUserid, tagId },
              before: action === 'tag.add' ? null : value, after: action === 'tag.add' ? value : null,
            });
          }
        }
        ctx.events.append(
          { kind: 'customer.tags.changed', externalUserid: item.externalUserid, userid: item.userid, source: b.source },
          [...new Set([...item.audience, item.userid, b.createdBy, ...ctx.directory.overseersOf(item.userid)])],
        );
      }
    })();
    ctx.events.flush();
    const r = rate.get(b.id);
    if (r) r.settled += sent.length;
  }

  async function run(id: string): Promise<void> {
    rate.set(id, { since: Date.now(), settled: 0 });
    for (;;) {
      const b = store.get(id);
      if (!b || b.status !== 'running' || stopped) return;
      const chunk = store.nextPending(id, CHUNK);
      if (chunk.length === 0) {
        store.setStatus(id, 'done');
        ctx.db.transaction(() => {
          ctx.audit.append({ actor: b.createdBy, source: b.source, action: 'batch.finish', target: { kind: 'catalog' }, before: null, after: { batchId: id, kind: b.kind, ...store.counts(id) } });
        })();
        announce(store.get(id)!);
        return;
      }
      let next = 0;
      const sent: Sent[] = [];
      const worker = async (): Promise<void> => {
        while (next < chunk.length && !stopped) {
          const item = chunk[next++]!;
          sent.push({ item, result: await send(item) });
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, chunk.length) }, worker));
      // Answers that came back are settled even while stopping; the rest wait for the next start.
      await settle(b, sent);
      if (!stopped) announce(store.get(id)!);
    }
  }

  function start(id: string): void {
    if (loops.has(id) || stopped) return;
    const p = run(id)
      .catch((e: unknown) => ctx.log.error({ err: e, batchId: id }, 'batch run failed'))
      .finally(() => loops.delete(id));
    loops.set(id, p);
  }

  /** May `actor` make these changes? Every relation and tag through the permission engine. */
  async function check(actor: string, changes: readonly BatchChange[]): Promise<Refused[]> {
    const caller: Caller = { userid: actor, deviceId: 'batch' };
    const refs = await ctx.catalog.resolve([...new Set(changes.flatMap((c) => [...c.add, ...c.remove]))]);
    const memo = new Map<string, string | null>();
    const refused: Refused[] = [];
    for (const c of changes) {
      const scopeKey = `scope|${c.userid}`;
      if (!memo.has(scopeKey)) memo.set(scopeKey, ctx.governance.actOnRelation(caller, c.userid)?.reason ?? null);
      const scope = memo.get(scopeKey)!;
      if (scope) { refused.push({ userid: c.userid, externalUserid: c.externalUserid, tagId: null, reason: scope }); continue; }
      for (const [op, ids] of [['add', c.add], ['remove', c.remove]] as const) {
        for (const tagId of ids) {
          const ref = refs.get(tagId);
          if (!ref) { refused.push({ userid: c.userid, externalUserid: c.externalUserid, tagId, reason: `标签 ${tagId} 不存在或已被删除。` }); continue; }
          const key = `${op}|${c.userid}|${tagId}`;
          if (!memo.has(key)) memo.set(key, ctx.governance.applyTag(caller, c.userid, c.externalUserid, ref, op)?.reason ?? null);
          const reason = memo.get(key)!;
          if (reason) refused.push({ userid: c.userid, externalUserid: c.externalUserid, tagId, reason });
        }
      }
    }
    return refused;
  }

  const service = {
    store,
    check,

    /** Checks, persists and starts a batch; refuses the whole batch when any change is not allowed. */
    async create(input: CreateBatchInput): Promise<BatchProgress> {
      if (input.changes.length === 0) throw new TeamHttpError('bad_request', 'a batch needs at least one change', '没有选中任何客户，未做任何更改。');
      if (!input.trusted) {
        const refused = await check(input.actor, input.changes);
        if (refused.length > 0) {
          throw new TeamHttpError('forbidden', `${refused.length} of the batch's changes are not allowed: ${refused[0]!.reason}`, `有 ${refused.length} 项更改不被允许：${refused[0]!.reason}`);
        }
      }
      const b = ctx.db.transaction(() => {
        const created = store.create({
          kind: input.kind, source: input.source, title: input.title, createdBy: input.actor, changes: input.changes, current: input.current,
          ...(input.followers ? { followers: input.followers } : {}), ...(input.undoOf ? { undoOf: input.undoOf } : {}), ...(input.meta ? { meta: input.meta } : {}),
        });
        ctx.audit.append({ actor: input.actor, source: input.source, action: 'batch.create', target: { kind: 'catalog' }, before: null, after: { batchId: created.id, kind: input.kind, title: input.title, items: input.changes.length, ...(input.undoOf ? { undoOf: input.undoOf } : {}) } });
        return created;
      })();
      announce(b);
      start(b.id);
      return progress(b);
    },

    get(id: string): BatchProgress | null {
      const b = store.get(id);
      return b ? progress(b) : null;
    },

    /** The batch if `viewer` may see it: its creator, their overseers, admins. */
    visible(viewer: string, id: string): BatchRow {
      const b = store.get(id);
      const me = ctx.directory.member(viewer);
      if (!b || !me || (b.createdBy !== viewer && me.role !== 'admin' && !ctx.directory.overseersOf(b.createdBy).includes(viewer))) {
        throw new TeamHttpError('not_found', `no batch ${id} visible to ${viewer}`, '找不到这个批量任务。');
      }
      return b;
    },

    list(viewer: string): BatchProgress[] {
      const me = ctx.directory.member(viewer);
      const rows = me?.role === 'admin' ? store.list(null) : store.list(viewer);
      return rows.map(progress);
    },

    pause(viewer: string, id: string): BatchProgress {
      const b = service.visible(viewer, id);
      if (b.status !== 'running') throw new TeamHttpError('conflict', `batch is ${b.status}`, '只有进行中的批量任务可以暂停。');
      store.setStatus(id, 'paused');
      ctx.audit.append({ actor: viewer, source: b.source, action: 'batch.pause', target: { kind: 'catalog' }, before: null, after: { batchId: id } });
      announce(store.get(id)!);
      return progress(store.get(id)!);
    },

    resume(viewer: string, id: string): BatchProgress {
      const b = service.visible(viewer, id);
      if (b.status !== 'paused') throw new TeamHttpError('conflict', `batch is ${b.status}`, '只有已暂停的批量任务可以继续。');
      store.setStatus(id, 'running');
      ctx.audit.append({ actor: viewer, source: b.source, action: 'batch.resume', target: { kind: 'catalog' }, before: null, after: { batchId: id } });
      start(id);
      announce(store.get(id)!);
      return progress(store.get(id)!);
    },

    cancel(viewer: string, id: string): BatchProgress {
      const b = service.visible(viewer, id);
      if (b.status === 'done' || b.status === 'cancelled') throw new TeamHttpError('conflict', `batch is ${b.status}`, '这个批量任务已经结束。');
      store.setStatus(id, 'cancelled');
      ctx.audit.append({ actor: viewer, source: b.source, action: 'batch.cancel', target: { kind: 'catalog' }, before: null, after: { batchId: id, ...store.counts(id) } });
      announce(store.get(id)!);
      return progress(store.get(id)!);
    },

    /**
     * Undoes a whole batch as a new batch (source `revert`): every relation it changed gets back
     * the touched tags it had before — added tags removed, removed tags added again.
     */
    async undo(viewer: string, id: string): Promise<BatchProgress> {
      const b = service.visible(viewer, id);
      if (b.status === 'running') throw new TeamHttpError('conflict', 'pause or finish the batch before undoing it', '请先暂停或等待批量任务完成，再撤销。');
      if (b.undoneBy) throw new TeamHttpError('conflict', `batch already undone by ${b.undoneBy}`, '这个批量任务已经撤销过了。');
      const done: BatchItem[] = [];
      for (let offset = 0; ; offset += 5000) {
        const page = store.items(id, { status: 'done', offset, limit: 5000 });
        done.push(...page);
        if (page.length < 5000) break;
      }
      if (done.length === 0) throw new TeamHttpError('conflict', 'nothing of the batch reached WeCom', '这个批量任务还没有改动任何客户，无需撤销。');
      const current = new Map<string, readonly string[]>();
      const changes: BatchChange[] = done.map((i) => {
        // After the batch the relation carried its adds and not its removes (of the touched tags).
        current.set(`${i.userid}\u0001${i.externalUserid}`, i.add);
        return { userid: i.userid, externalUserid: i.externalUserid, add: i.remove, remove: i.add };
      });
      const followers = new Map(done.map((i) => [i.externalUserid, i.audience]));
      return service.create({
        kind: 'undo', source: 'revert', title: `撤销：${b.title}`, actor: viewer, changes, current, followers, undoOf: id,
        // The creator (or an overseer) undoing is checked like any batch; restoring state needs the same rights.
        meta: { undoOf: id },
      });
    },

    /** Starts every batch that was running when the server stopped. */
    resumeInterrupted(): number {
      const list = store.running();
      for (const b of list) start(b.id);
      return list.length;
    },

    /** Resolves when the batch is no longer running in this process (tests, shutdown). */
    async idle(id?: string): Promise<void> {
      if (id) await loops.get(id);
      else await Promise.all([...loops.values()]);
    },

    /** Stops sending; items in flight settle, pending ones wait for the next start. */
    async stop(): Promise<void> {
      stopped = true;
      await Promise.all([...loops.values()]);
    },
  };
  return service;
}
