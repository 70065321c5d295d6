// The persisted side of batches: one row per batch and one per (member, customer) item with
// the exact delta to send and the relation's tags before it, so the server can resume after a
// restart and undo a batch precisely. Only synchronous SQL here; the runner does the waiting.
import { letterId } from '../admin/ids';
import type { TeamDb } from '../store/database';
import type { AuditSource } from '../../../src-shared/audit/index';

export type BatchStatus = 'running' | 'paused' | 'done' | 'cancelled';
export type ItemStatus = 'pending' | 'done' | 'unchanged' | 'failed';

/** One relation's change as asked for: tags to add and to remove. */
export interface BatchChange {
  userid: string;
  externalUserid: string;
  add: string[];
  remove: string[];
}

export interface BatchRow {
  id: string;
  kind: string;
  source: AuditSource;
  title: string;
  createdBy: string;
  createdAt: string;
  status: BatchStatus;
  undoOf: string | null;
  undoneBy: string | null;
  total: number;
  startedAt: string | null;
  finishedAt: string | null;
  meta: Record<string, unknown>;
}

export interface BatchItem {
  seq: number;
  userid: string;
  externalUserid: string;
  /** The effective delta: adds the relation did not have, removes it had. */
  add: string[];
  remove: string[];
  /** The touched tags the relation carried before the batch. */
  before: string[];
  audience: string[];
  status: ItemStatus;
  errcode: number | null;
  error: string | null;
}

export interface NewBatch {
  kind: string;
  source: AuditSource;
  title: string;
  createdBy: string;
  changes: BatchChange[];
  /** Each relation's current enterprise tag ids (key: relationKey); a missing key means "unknown, send as asked". */
  current: Map<string, readonly string[]>;
  /** Who to tell about each customer (its follow-members), besides the member and the actor. */
  followers?: Map<string, readonly string[]>;
  undoOf?: string;
  meta?: Record<string, unknown>;
}

interface BatchDbRow {
  id: string; kind: string; source: AuditSource; title: string; created_by: string; created_at: string; status: BatchStatus;
  undo_of: string | null; undone_by: string | null; total: number; started_at: string | null; finished_at: string | null; meta: string;
}
interface ItemDbRow {
  seq: number; userid: string; external_userid: string; add_tags: string; remove_tags: string; before_tags: string; audience: string;
  status: ItemStatus; errcode: number | null; error: string | null;
}

const toBatch = (r: BatchDbRow): BatchRow => ({
  id: r.id, kind: r.kind, source: r.source, title: r.title, createdBy: r.created_by, createdAt: r.created_at, status: r.status,
  undoOf: r.undo_of, undoneBy: r.undone_by, total: r.total, startedAt: r.started_at, finishedAt: r.finished_at, meta: JSON.parse(r.meta) as Record<string, unknown>,
});
const toItem = (r: ItemDbRow): BatchItem => ({
  seq: r.seq, userid: r.userid, externalUserid: r.external_userid, add: JSON.parse(r.add_tags) as string[], remove: JSON.parse(r.remove_tags) as string[],
  before: JSON.parse(r.before_tags) as string[], audience: JSON.parse(r.audience) as string[], status: r.status, errcode: r.errcode, error: r.error,
});

export const relationKeyOf = (userid: string, externalUserid: string): string => `${userid}\u0001${externalUserid}`;

export function createBatchStore(db: TeamDb, now: () => Date) {
  const insertBatch = db.prepare(`INSERT INTO batches (id, kind, source, title, created_by, created_at, status, undo_of, total, started_at, meta) VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`);
  const insertItem = db.prepare(`INSERT INTO batch_items (batch_id, seq, userid, external_userid, add_tags, remove_tags, before_tags, audience, status, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const getBatch = db.prepare(`SELECT * FROM batches WHERE id = ?`);
  const counts = db.prepare(`SELECT status, COUNT(*) AS n FROM batch_items WHERE batch_id = ? GROUP BY status`);
  const pending = db.prepare(`SELECT * FROM batch_items WHERE batch_id = ? AND status = 'pending' ORDER BY seq LIMIT ?`);
  const finishItem = db.prepare(`UPDATE batch_items SET status = ?, errcode = ?, error = ?, finished_at = ? WHERE batch_id = ? AND seq = ? AND status = 'pending'`);

  const store = {
    /** Writes the batch and its items in one transaction; items with nothing to change are settled at once. */
    create(input: NewBatch): BatchRow {
      const id = letterId('batch');
      const at = now().toISOString();
      db.transaction(() => {
        insertBatch.run(id, input.kind, input.source, input.title, input.createdBy, at, input.undoOf ?? null, input.changes.length, at, JSON.stringify(input.meta ?? {}));
        input.changes.forEach((c, seq) => {
          const current = input.current.get(relationKeyOf(c.userid, c.externalUserid));
          const has = current ? new Set(current) : null;
          const add = [...new Set(c.add)].filter((t) => !has?.has(t));
          const remove = [...new Set(c.remove)].filter((t) => (has ? has.has(t) : true) && !c.add.includes(t));
          const before = has ? [...new Set([...c.add, ...c.remove])].filter((t) => has.has(t)) : [...remove];
          const empty = add.length === 0 && remove.length === 0;
          const audience = input.followers?.get(c.externalUserid) ?? [];
          insertItem.run(id, seq, c.userid, c.externalUserid, JSON.stringify(add), JSON.stringify(remove), JSON.stringify(before), JSON.stringify(audience), empty ? 'unchanged' : 'pending', empty ? at : null);
        });
        if (input.undoOf) db.prepare(`UPDATE batches SET undone_by = ? WHERE id = ?`).run(id, input.undoOf);
      })();
      return store.get(id)!;
    },

    get(id: string): BatchRow | null {
      const r = getBatch.get(id) as BatchDbRow | undefined;
      return r ? toBatch(r) : null;
    },

    list(createdBy: string | null, limit = 100): BatchRow[] {
      const rows = createdBy === null
        ? db.prepare(`SELECT * FROM batches ORDER BY created_at DESC LIMIT ?`).all(limit)
        : db.prepare(`SELECT * FROM batches WHERE created_by = ? ORDER BY created_at DESC LIMIT ?`).all(createdBy, limit);
      return (rows as BatchDbRow[]).map(toBatch);
    },

    running(): BatchRow[] {
      return (db.prepare(`SELECT * FROM batches WHERE status = 'running' ORDER BY created_at`).all() as BatchDbRow[]).map(toBatch);
    },

    counts(id: string): Record<ItemStatus, number> {
      const out: Record<ItemStatus, number> = { pending: 0, done: 0, unchanged: 0, failed: 0 };
      for (const r of counts.all(id) as { status: ItemStatus; n: number }[]) out[r.status] = r.n;
      return out;
    },

    nextPending(id: string, n: number): BatchItem[] {
      return (pending.all(id, n) as ItemDbRow[]).map(toItem);
    },

    items(id: string, opts: { status?: ItemStatus; offset?: number; limit?: number } = {}): BatchItem[] {
      const sql = `SELECT * FROM batch_items WHERE batch_id = ? ${opts.status ? 'AND status = ?' : ''} ORDER BY seq LIMIT ? OFFSET ?`;
      const args: (string | number)[] = [id, ...(opts.status ? [opts.status] : []), opts.limit ?? 1000, opts.offset ?? 0];
      return (db.prepare(sql).all(...args) as ItemDbRow[]).map(toItem);
    },

    /** Settles a pending item; false when it was already settled (a resumed run racing itself). */
    finish(id: string, seq: number, status: Exclude<ItemStatus, 'pending'>, errcode: number | null = null, error: string | null = null): boolean {
      return finishItem.run(status, errcode, error, now().toISOString(), id, seq).changes > 0;
    },

    setStatus(id: string, status: BatchStatus): void {
      const done = status === 'done' || status === 'cancelled';
      db.prepare(`UPDATE batches SET status = ?, finished_at = ? WHERE id = ?`).run(status, done ? now().toISOString() : null, id);
    },
  };
  return store;
}

export type BatchStore = ReturnType<typeof createBatchStore>;
