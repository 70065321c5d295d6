// Remarks and descriptions (externalcontact/remark) through the same outbox as tags: the
// fields a person set, folded in sequence order, are compared with the read-back and only the
// ones that differ are sent; an acknowledged write is believed only once a read-back shows it.
import type { FollowUser } from '../../src-shared/wecom';
import { beginSend, finishSend, type OutboxOp, type RemarkPayload } from '../store/outbox';
import { inTransaction, prepared } from '../store/sql';
import { customerIdOf } from '../store/customers';
import type { Db } from '../store/database';
import { toSeconds } from './deps';
import { requeue, settleApplied, markUnknown, parkMany } from './op-settle';
import type { PairContext, PairOutcome } from './pair-sync';
import { WecomApiError, WecomError } from '../../src-shared/wecom';

type RemarkFields = Pick<RemarkPayload, 'remark' | 'description'>;

export function remarkIntent(ops: readonly OutboxOp[]): RemarkFields {
  const out: RemarkFields = {};
  for (const op of ops) {
    const p = op.payload as RemarkPayload;
    if (p.remark !== undefined) out.remark = p.remark;
    if (p.description !== undefined) out.description = p.description;
  }
  return out;
}

function differing(want: RemarkFields, follow: Pick<FollowUser, 'remark' | 'description'>): RemarkFields {
  const out: RemarkFields = {};
  if (want.remark !== undefined && want.remark !== follow.remark) out.remark = want.remark;
  if (want.description !== undefined && want.description !== follow.description) out.description = want.description;
  return out;
}

/** Keeps the local relation row in step with what WeCom holds once a remark is applied. */
function storeRemark(db: Db, member: string, external: string, follow: Pick<FollowUser, 'remark' | 'description'>): void {
  const cid = customerIdOf(db, external);
  if (cid === undefined) return;
  prepared(db, `UPDATE follow_relations SET remark = ?, description = ? WHERE customer_id = ? AND member_userid = ?`).run(follow.remark, follow.description, cid, member);
}

export async function syncRemarks(ctx: PairContext, member: string, external: string, ops: readonly OutboxOp[], follow: FollowUser): Promise<PairOutcome> {
  if (ops.length === 0) return 'settled';
  const { db, deps } = ctx;
  const nowSec = toSeconds(deps.now());
  const delta = differing(remarkIntent(ops), follow);
  if (Object.keys(delta).length === 0) {
    inTransaction(db, () => {
      settleApplied(db, member, external, ops, nowSec);
      storeRemark(db, member, external, follow);
    });
    return 'settled';
  }
  const batchId = inTransaction(db, () => {
    requeue(db, ops.filter((o) => o.state === 'unknown'), nowSec, nowSec, null, null);
    return beginSend(db, { memberUserid: member, externalUserid: external, api: 'remark', request: { ...delta }, opIds: ops.map((o) => o.opId) }, nowSec);
  });
  const fresh = () => ops.map((o) => ({ ...o, state: 'sending' as const }));
  try {
    await deps.client.remark({ userid: member, external_userid: external, ...delta });
  } catch (e) {
    if (e instanceof WecomApiError) {
      finishSend(db, batchId, 'failed', e.errcode, nowSec);
      if (e.retryClass === 'park-for-person') {
        parkMany(db, fresh(), () => ({ kind: e.errcode === 84061 ? 'not_following' : 'unknown_errcode', detail: { errcode: e.errcode, errmsg: e.errmsg }, errcode: e.errcode, choices: [{ kind: 'retry' }, { kind: 'drop' }] }), nowSec);
        return 'settled';
      }
      requeue(db, fresh(), nowSec, nowSec + 30, e.errcode, e.errmsg);
      return e.retryClass === 'fatal-config' ? 'config-error' : 'retry-later';
    }
    if (e instanceof WecomError && e.retryClass === 'fatal-config') {
      finishSend(db, batchId, 'failed', null, nowSec);
      requeue(db, fresh(), nowSec, nowSec + 60, null, e.message);
      return 'config-error';
    }
    markUnknown(db, batchId, fresh(), nowSec, nowSec + 5, e instanceof Error ? e.message : String(e));
    return 'retry-later';
  }
  finishSend(db, batchId, 'done', 0, nowSec);
  // The next round reads the customer back before deciding: acknowledged is not yet applied.
  requeue(db, fresh(), nowSec, toSeconds(deps.now() + ctx.lateRecheckMs) + 1, null, null);
  return 'retry-later';
}
