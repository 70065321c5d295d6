// Property test (fast-check, 1,000 runs) for the outbox state machine as the sync engine drives
// it: any sequence of attempted moves either follows the allowed transitions or is refused
// without a trace; applied and dropped are final; no op ever disappears; every move that counts
// as a send leaves a send-log row.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Db } from '../../../src-main/store/database';
import { applyFollowRecords } from '../../../src-main/store/customers';
import { beginSend, enqueueOp, getOp, OutboxStateError, transitionOps, TRANSITIONS, type OpState } from '../../../src-main/store/outbox';
import { openConflicts, resolveConflict } from '../../../src-main/store/conflicts';
import { settleApplied, requeue, markUnknown, parkMany } from '../../../src-main/sync/op-settle';
import { freshStore, rec } from '../store/fixtures';

type Move = 'send' | 'ack' | 'lose' | 'fail' | 'settle' | 'park' | 'drop' | 'retry';
const moves: Move[] = ['send', 'ack', 'lose', 'fail', 'settle', 'park', 'drop', 'retry'];

let db: Db;
const ext = 'wm-prop-1';
beforeAll(() => {
  db = freshStore();
  applyFollowRecords(db, [rec('王芳', 'zhangsan', { ext })], 1000);
});

/** The engine-level move and the state it must lead to, or undefined when it must be refused. */
function model(state: OpState, m: Move): OpState | undefined {
  const to: Record<Move, OpState> = { send: 'sending', ack: 'applied', lose: 'unknown', fail: 'pending', settle: 'applied', park: 'parked', drop: 'dropped', retry: 'pending' };
  const target = to[m];
  if (m === 'settle' && state !== 'pending' && state !== 'unknown' && state !== 'sending') return undefined;
  if (m === 'settle') return 'applied';
  if (m === 'lose' && state !== 'sending') return undefined;
  // The engine requeues only what it sent or could not settle; a parked op waits for a person.
  if (m === 'fail' && state !== 'sending' && state !== 'unknown') return undefined;
  return TRANSITIONS[state].includes(target) ? target : undefined;
}

describe('outbox state machine', () => {
  it('follows the allowed transitions for any sequence of moves; final states stay final', () => {
    let n = 0;
    fc.assert(fc.property(fc.array(fc.constantFrom(...moves), { maxLength: 15 }), (seq) => {
      const op = enqueueOp(db, { memberUserid: 'zhangsan', externalUserid: ext, kind: 'add', tagId: 't-vip', groupName: '价值等级', tagName: 'VIP' }, {}, 2000 + n++);
      let state: OpState = 'pending';
      for (const m of seq) {
        const expected = model(state, m);
        const cur = getOp(db, op.opId)!;
        const attempt = (): void => {
          switch (m) {
            case 'send': beginSend(db, { memberUserid: 'zhangsan', externalUserid: ext, api: 'mark_tag', request: { add_tag: ['t-vip'] }, opIds: [op.opId] }, 3000); break;
            case 'ack': transitionOps(db, [op.opId], 'applied', {}, 3000); break;
            case 'lose': if (cur.state !== 'sending') throw new OutboxStateError('not sending'); markUnknown(db, cur.batchId!, [cur], 3000, 3001, 'lost'); break;
            case 'fail': requeue(db, [cur], 3000, 3010, -1, 'busy'); break;
            case 'settle': if (!['pending', 'unknown', 'sending'].includes(cur.state)) throw new OutboxStateError('final'); settleApplied(db, 'zhangsan', ext, [cur], 3000); break;
            case 'park': parkMany(db, [cur], () => ({ kind: 'tag_missing', detail: {}, choices: [{ kind: 'drop' }] }), 3000); break;
            case 'drop': {
              const open = openConflicts(db, 100_000).find((c) => c.opId === op.opId);
              if (open) resolveConflict(db, open.id, { kind: 'drop', reason: 'duplicate of another tag' }, 'supervisor', 3000);
              else transitionOps(db, [op.opId], 'dropped', { error: 'person dropped it' }, 3000);
              break;
            }
            case 'retry': {
              // A parked op moves on only through the inbox (a person's decision), which closes its conflict.
              const open = openConflicts(db, 100_000).find((c) => c.opId === op.opId);
              if (open) resolveConflict(db, open.id, { kind: 'retry' }, 'supervisor', 3000);
              else transitionOps(db, [op.opId], 'pending', {}, 3000);
              break;
            }
          }
        };
        if (expected === undefined) {
          expect(attempt).toThrow(OutboxStateError);
        } else {
          attempt();
          state = expected;
        }
        const after = getOp(db, op.opId);
        expect(after, 'an op never disappears').toBeDefined();
        expect(after!.state).toBe(state);
        if (state === 'sending') expect(after!.batchId).not.toBeNull();
        if (state === 'dropped') expect(after!.error).toBeTruthy();
        expect(openConflicts(db, 100_000).some((c) => c.opId === op.opId)).toBe(state === 'parked');
      }
    }), { numRuns: 1000 });
  });
});
