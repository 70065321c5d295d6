// The local side of a change: what the panel calls when a person tags a customer or edits a
// remark. Each call writes the outbox op (the domain row the effective state folds) and its
// audit event in one transaction, so the change shows at once and survives any crash.
import type { Db } from '../store/database';
import { tagById, liveTagsOfGroup } from '../store/catalog';
import { enqueueOp, type OutboxOp } from '../store/outbox';
import { effectiveTagsFor } from '../store/effective-tags';
import { toSeconds } from './deps';

export interface ChangeMeta {
  member: string;
  external: string;
  /** Who asked (the signed-in member, an automation rule, an approval). */
  actor?: string;
  source?: 'ui' | 'import' | 'automation' | 'approval';
}

export class UnknownTagError extends Error {
  override name = 'UnknownTagError';
}

function tagInfo(db: Db, tagId: string) {
  const t = tagById(db, tagId);
  if (!t) throw new UnknownTagError(`tag ${tagId} is not in the catalog`);
  return t;
}

function audit(meta: ChangeMeta, extra: Record<string, unknown>): Record<string, unknown> {
  return { actor: meta.actor ?? meta.member, source: meta.source ?? 'ui', ...extra };
}

export function addEnterpriseTag(db: Db, meta: ChangeMeta, tagId: string, nowMs: number): OutboxOp {
  const t = tagInfo(db, tagId);
  return enqueueOp(db, { memberUserid: meta.member, externalUserid: meta.external, kind: 'add', tagId, groupId: t.groupId, groupName: t.groupName, tagName: t.name },
    audit(meta, { before: false, after: true }), toSeconds(nowMs));
}

export function removeEnterpriseTag(db: Db, meta: ChangeMeta, tagId: string, nowMs: number): OutboxOp {
  const t = tagById(db, tagId);
  return enqueueOp(db, { memberUserid: meta.member, externalUserid: meta.external, kind: 'remove', tagId, groupId: t?.groupId ?? null, groupName: t?.groupName ?? null, tagName: t?.name ?? null },
    audit(meta, { before: true, after: false }), toSeconds(nowMs));
}

/**
 * Chooses one tag of a single-choice group (a Tagdesk policy such as 客户阶段): one op that
 * adds it and removes the siblings the person could see. Siblings the server gains meanwhile
 * are not silently removed; they send the op to the conflicts inbox.
 */
export function chooseSingleChoiceTag(db: Db, meta: ChangeMeta, tagId: string, nowMs: number): OutboxOp {
  const t = tagInfo(db, tagId);
  if (t.groupId === null) throw new UnknownTagError(`tag ${tagId} has no group`);
  const effective = new Set(effectiveTagsFor(db, meta.member, meta.external)?.effective ?? []);
  const siblings = liveTagsOfGroup(db, t.groupId).map((s) => s.tagId).filter((id) => id !== tagId && effective.has(id));
  // Siblings the person sees that the catalog already lost still count: they are on the relation.
  for (const id of effective) if (id !== tagId && tagById(db, id)?.groupId === t.groupId && !siblings.includes(id)) siblings.push(id);
  return enqueueOp(db, {
    memberUserid: meta.member, externalUserid: meta.external, kind: 'single-choice-set', tagId,
    groupId: t.groupId, groupName: t.groupName, tagName: t.name, payload: { removeTagIds: siblings.sort() },
  }, audit(meta, { before: siblings, after: tagId }), toSeconds(nowMs));
}

export class RemarkRefusedError extends Error {
  override name = 'RemarkRefusedError';
}

/**
 * Remark (≤ 20 chars) and description (≤ 150) of the member's relation, through the same
 * outbox. `lint` is the compliance check the caller runs (the core's linter with the company's
 * pack): a reason refuses the text before anything is queued.
 */
export function setRemark(db: Db, meta: ChangeMeta, fields: { remark?: string; description?: string }, nowMs: number, lint?: (text: string) => string | null): OutboxOp {
  for (const text of [fields.remark, fields.description]) {
    const reason = text === undefined ? null : lint?.(text) ?? null;
    if (reason) throw new RemarkRefusedError(reason);
  }
  if (fields.remark !== undefined && [...fields.remark].length > 20) throw new RangeError('a remark holds at most 20 characters');
  if (fields.description !== undefined && [...fields.description].length > 150) throw new RangeError('a description holds at most 150 characters');
  if (fields.remark === undefined && fields.description === undefined) throw new TypeError('nothing to change');
  return enqueueOp(db, { memberUserid: meta.member, externalUserid: meta.external, kind: 'remark', payload: { ...fields } },
    audit(meta, { fields: Object.keys(fields) }), toSeconds(nowMs));
}
