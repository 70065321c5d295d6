// Tag ids that died under a queued op (the tag was deleted, or an admin rebuilt its group):
// a removal is already satisfied; an addition is re-resolved by its exact (group name, tag
// name) — one live match rewrites the op and audits it, none or several park it in the inbox.
// Also the single-choice rule: a stage chosen offline must not end up beside a sibling the
// server gained meanwhile.
import type { Db } from '../store/database';
import { findLiveTagsByName, readCatalog, tagById } from '../store/catalog';
import { rewriteOpTag, type OutboxOp } from '../store/outbox';
import { parkMany, tagChoices } from './op-settle';

const wantsPresence = (op: OutboxOp): boolean => op.kind === 'add' || op.kind === 'single-choice-set';

/** A tag the catalog knows as deleted, or does not know at all (a stub row without group). */
export function isDeadTag(db: Db, tagId: string): boolean {
  const t = tagById(db, tagId);
  return !t || t.deleted || t.groupId === null;
}

/** Whether a person may create (group, tag) from the inbox: only in groups the app owns, or a new group. */
export function canCreateTag(db: Db, groupName: string | null): boolean {
  if (!groupName) return false;
  const group = readCatalog(db).find((g) => g.name === groupName);
  return !group || !group.readOnly;
}

/**
 * Re-resolves the dead additions among `ops`. Returns the ops still live afterwards (rewritten
 * ones with their new tag id); parked ones are gone from the list.
 */
export function resolveDeadTags(db: Db, ops: readonly OutboxOp[], nowSec: number, errcode: number | null = null): OutboxOp[] {
  const out: OutboxOp[] = [];
  const toPark: Array<{ op: OutboxOp; matches: ReturnType<typeof findLiveTagsByName> }> = [];
  for (const op of ops) {
    if (!wantsPresence(op) || op.tagId === null || !isDeadTag(db, op.tagId)) { out.push(op); continue; }
    const matches = op.groupName && op.tagName ? findLiveTagsByName(db, op.groupName, op.tagName) : [];
    if (matches.length === 1) {
      const m = matches[0]!;
      rewriteOpTag(db, op.opId, { tagId: m.tagId, groupId: m.groupId }, { source: 'sync', reason: 'dead-tag-id', groupName: op.groupName, tagName: op.tagName }, nowSec);
      out.push({ ...op, tagId: m.tagId, groupId: m.groupId });
    } else {
      toPark.push({ op, matches });
    }
  }
  parkMany(db, toPark.map((p) => p.op), (op) => {
    const matches = toPark.find((p) => p.op.opId === op.opId)!.matches;
    return {
      kind: matches.length === 0 ? 'tag_missing' : 'ambiguous_remap',
      detail: { deadTagId: op.tagId, groupName: op.groupName, tagName: op.tagName, matches: matches.length },
      errcode,
      choices: tagChoices(op, matches.map((m) => ({ tagId: m.tagId, groupName: op.groupName ?? '', tagName: m.name })), canCreateTag(db, op.groupName)),
    };
  }, nowSec);
  return out;
}

/**
 * Single-choice ops whose group gained, on the server, a sibling the user did not see when
 * choosing: parking them keeps two stages from standing side by side. Returns the ops kept.
 */
export function parkSingleChoiceClashes(db: Db, ops: readonly OutboxOp[], serverTags: ReadonlySet<string>, nowSec: number): OutboxOp[] {
  const clashes = new Map<string, string[]>();
  for (const op of ops) {
    if (op.kind !== 'single-choice-set' || op.groupId === null) continue;
    const seen = new Set((op.payload.removeTagIds as string[] | undefined) ?? []);
    const intruders = [...serverTags].filter((t) => t !== op.tagId && !seen.has(t) && tagById(db, t)?.groupId === op.groupId);
    // A later op of the user on that sibling is their own decision, not a clash.
    const laterTouch = ops.filter((o) => o.seq > op.seq && o.tagId !== null && intruders.includes(o.tagId)).map((o) => o.tagId);
    const left = intruders.filter((t) => !laterTouch.includes(t));
    if (left.length > 0) clashes.set(op.opId, left);
  }
  const parked = ops.filter((o) => clashes.has(o.opId));
  parkMany(db, parked, (op) => ({
    kind: 'single_choice_clash',
    detail: { groupId: op.groupId, groupName: op.groupName, chosen: op.tagId, serverSiblings: clashes.get(op.opId) },
    serverValue: clashes.get(op.opId),
    choices: [{ kind: 'retry' }, { kind: 'drop' }],
  }), nowSec);
  return ops.filter((o) => !clashes.has(o.opId));
}
