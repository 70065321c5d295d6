// The per-tag three-way merge of one (member, customer) pair: base B (last server state the
// device saw), local intent L = B ⊕ live ops in sequence order, fresh server state S. For each
// tag the user's ops touched and changed against B, L wins; every other tag keeps S. Pure.
import type { OutboxOp } from '../store/outbox';

/** Tags one op names, with the presence it asks for. */
export function opTargets(op: Pick<OutboxOp, 'kind' | 'tagId' | 'payload'>): Map<string, boolean> {
  return intentOf([op]);
}

/** The tag-level intent of a run of ops (given in the order to fold, i.e. seq order): tag id → wanted presence. */
export function intentOf(ops: readonly Pick<OutboxOp, 'kind' | 'tagId' | 'payload'>[]): Map<string, boolean> {
  const want = new Map<string, boolean>();
  for (const op of ops) {
    if (op.tagId === null) continue;
    if (op.kind === 'add') want.set(op.tagId, true);
    else if (op.kind === 'remove') want.set(op.tagId, false);
    else if (op.kind === 'single-choice-set') {
      for (const sib of (op.payload.removeTagIds as string[] | undefined) ?? []) if (sib !== op.tagId) want.set(sib, false);
      want.set(op.tagId, true);
    }
  }
  return want;
}

export interface MergeResult {
  /** Tags the user changed against the base, with the value they asked for. */
  touched: Map<string, boolean>;
  /** The delta to send: only touched tags whose server value differs from the target. */
  add: string[];
  remove: string[];
  /** The state WeCom should hold once the delta lands: S with the touched tags overridden. */
  merged: Set<string>;
}

/**
 * result(x) = L(x) if L(x) ≠ B(x), else S(x). A tag the user "changed" back to its base value
 * (add of a tag already there) is not touched: the server's value stands for it.
 */
export function mergePair(base: Iterable<string>, intent: ReadonlyMap<string, boolean>, server: Iterable<string>, uncertain: ReadonlySet<string> = new Set()): MergeResult {
  const b = new Set(base);
  const s = new Set(server);
  const touched = new Map<string, boolean>();
  // `uncertain`: tags an earlier send of these ops may already have changed on the server, so
  // the base no longer tells what the person saw; their last decision on them is enforced.
  for (const [tag, want] of intent) if (want !== b.has(tag) || uncertain.has(tag)) touched.set(tag, want);
  const merged = new Set(s);
  const add: string[] = [];
  const remove: string[] = [];
  for (const [tag, want] of touched) {
    if (want && !s.has(tag)) { add.push(tag); merged.add(tag); }
    if (!want && s.has(tag)) { remove.push(tag); merged.delete(tag); }
  }
  return { touched, add: add.sort(), remove: remove.sort(), merged };
}

/**
 * The base to store after reading the server: S, except that tags still targeted by live ops
 * keep the value the user saw when they made their change, so a colleague's edit in between
 * does not turn the user's explicit change into a "no change" (PowerSync's rule: do not adopt
 * new server state over un-uploaded local ops).
 */
export function rebase(oldBase: Iterable<string>, server: Iterable<string>, liveTags: Iterable<string>): string[] {
  const out = new Set(server);
  const old = new Set(oldBase);
  for (const t of liveTags) {
    if (old.has(t)) out.add(t);
    else out.delete(t);
  }
  return [...out].sort();
}
