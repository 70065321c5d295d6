// The conflicts inbox as the panel shows it: each parked op with what happened, the server's
// value and the choices — pick a replacement tag, create the tag where the app may, confirm a
// single-choice stage anyway, retry, or drop with a reason. Every decision is audited.
import type { Db } from '../store/database';
import { openConflicts, resolveConflict, getConflict, type Conflict } from '../store/conflicts';
import { getOp, type OutboxOp } from '../store/outbox';
import { upsertCatalogGroups, findLiveTagsByName } from '../store/catalog';
import { prepared } from '../store/sql';
import type { WecomClient } from '../../src-shared/wecom';
import { toSeconds } from './deps';

export interface InboxItem { conflict: Conflict; op: OutboxOp }

export function listInbox(db: Db, limit = 200): InboxItem[] {
  return openConflicts(db, limit).map((conflict) => ({ conflict, op: getOp(db, conflict.opId)! }));
}

export type InboxDecision =
  | { kind: 'pick-replacement'; tagId: string; groupId: string | null }
  | { kind: 'create-tag' }
  | { kind: 'retry' }
  | { kind: 'drop'; reason: string };

export class InboxChoiceError extends Error {
  override name = 'InboxChoiceError';
}

/**
 * Applies a person's decision. `create-tag` creates (group name, tag name) in WeCom through the
 * app (allowed only where the conflict offered it) and re-points the op at the new id. A retry
 * of a single-choice clash confirms the stage: the siblings found on the server are removed too.
 */
export async function resolveInboxItem(db: Db, client: WecomClient | undefined, conflictId: number, decision: InboxDecision, actor: string, nowMs: number): Promise<void> {
  const c = getConflict(db, conflictId);
  if (!c || c.resolvedAt !== null) throw new InboxChoiceError(`conflict ${conflictId} is not open`);
  const now = toSeconds(nowMs);
  switch (decision.kind) {
    case 'drop':
      if (!decision.reason.trim()) throw new InboxChoiceError('dropping a change needs a reason');
      resolveConflict(db, conflictId, { kind: 'drop', reason: decision.reason }, actor, now);
      return;
    case 'pick-replacement':
      resolveConflict(db, conflictId, { kind: 'replace', tagId: decision.tagId, groupId: decision.groupId }, actor, now);
      return;
    case 'retry': {
      if (c.kind === 'single_choice_clash') {
        const op = getOp(db, c.opId)!;
        const seen = new Set([...((op.payload.removeTagIds as string[] | undefined) ?? []), ...((c.serverValue as string[] | null) ?? [])]);
        prepared(db, `UPDATE outbox_ops SET payload = ? WHERE op_id = ? AND state = 'parked'`).run(JSON.stringify({ ...op.payload, removeTagIds: [...seen].sort() }), op.opId);
      }
      resolveConflict(db, conflictId, { kind: 'retry' }, actor, now);
      return;
    }
    case 'create-tag': {
      const offer = c.choices.find((ch) => ch.kind === 'create-tag');
      if (!offer || offer.kind !== 'create-tag') throw new InboxChoiceError('creating this tag is not allowed here');
      if (!client) throw new InboxChoiceError('creating a tag needs WeCom (online)');
      const existing = findLiveTagsByName(db, offer.groupName, offer.tagName);
      let tagId: string;
      let groupId: string | null;
      if (existing.length === 1) {
        tagId = existing[0]!.tagId;
        groupId = existing[0]!.groupId;
      } else {
        const res = await client.addCorpTag({ group_name: offer.groupName, tag: [{ name: offer.tagName }] });
        const g = res.tag_group;
        upsertCatalogGroups(db, [{ groupId: g.group_id, name: g.group_name, order: g.order, createTime: g.create_time, origin: 'app',
          tags: g.tag.map((t) => ({ tagId: t.id, name: t.name, order: t.order, createTime: t.create_time })) }], now);
        const made = g.tag.find((t) => t.name === offer.tagName) ?? g.tag[0]!;
        tagId = made.id;
        groupId = g.group_id;
      }
      resolveConflict(db, conflictId, { kind: 'created', tagId, groupId }, actor, now);
      return;
    }
  }
}
