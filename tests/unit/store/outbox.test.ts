// A salesperson's enterprise-tag changes queue in the outbox with their audit event, show at
// once as the effective state, and move only along the allowed states; crashes leave them
// 'unknown', conflicts park them, and a person resolves them.
import { describe, it, expect, beforeEach } from 'vitest';
import type { Db } from '../../../src-main/store/database';
import {
  beginSend, duePairs, enqueueOp, finishSend, getOp, markInterruptedSends, opsForPair, outboxCounts,
  OutboxStateError, sendLogEntry, transitionOps, UnknownCustomerError, TRANSITIONS, type OpState,
} from '../../../src-main/store/outbox';
import { effectiveTagsFor } from '../../../src-main/store/effective-tags';
import { openConflicts, parkOp, resolveConflict, ConflictResolvedError } from '../../../src-main/store/conflicts';
import { auditEvents, verifyAuditChain } from '../../../src-main/store/audit';
import { baseTagIds, setBaseTags } from '../../../src-main/store/customers';
import { freshStore, load, rec } from './fixtures';

const ME = 'zhangsan';
const C = 'wm-c1';

describe('outbox and effective state', () => {
  let db: Db;
  beforeEach(() => {
    db = freshStore();
    load(db, [rec('张伟', ME, { ext: C, tagIds: ['t-new', 't-east'] }), rec('张伟', 'lisi', { ext: C, tagIds: ['t-vip'] })]);
  });

  const add = (tagId: string, extra = {}) => enqueueOp(db, { memberUserid: ME, externalUserid: C, kind: 'add', tagId, ...extra }, { actor: ME, source: 'ui' });
  const remove = (tagId: string) => enqueueOp(db, { memberUserid: ME, externalUserid: C, kind: 'remove', tagId }, { actor: ME, source: 'ui' });

  it('shows a change at once: base ⊕ pending ops', () => {
    add('t-vip');
    remove('t-east');
    const eff = effectiveTagsFor(db, ME, C)!;
    expect(eff.base.sort()).toEqual(['t-east', 't-new']);
    expect(eff.effective.sort()).toEqual(['t-new', 't-vip']);
    expect(Object.fromEntries(eff.states)).toEqual({ 't-new': 'applied', 't-vip': 'pending-add', 't-east': 'pending-remove' });
    // the colleague's relation is untouched
    expect(baseTagIds(db, 'lisi', C)).toEqual(['t-vip'].map(String));
  });

  it('writes the op and its audit event together, numbered per pair', () => {
    const a = add('t-vip');
    const b = remove('t-east');
    expect([a.seq, b.seq]).toEqual([1, 2]);
    expect(enqueueOp(db, { memberUserid: 'lisi', externalUserid: C, kind: 'remove', tagId: 't-vip' }).seq).toBe(1);
    const events = auditEvents(db, 'enterprise');
    expect(events.map((e) => e.body.opId)).toEqual([a.opId, b.opId, expect.any(String)]);
    expect(events[0]!.body).toMatchObject({ type: 'outbox.add', actor: ME, source: 'ui', tagId: 't-vip' });
    expect(verifyAuditChain(db, 'enterprise')).toEqual({ ok: true, length: 3 });
  });

  it('leaves no trace of an op whose audit event fails', () => {
    db.exec(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => add('t-vip')).toThrow(/disk full/);
    expect(opsForPair(db, ME, C)).toEqual([]);
  });

  it('a failed change inside a larger transaction leaves nothing half-written', () => {
    db.exec(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events WHEN json_extract(NEW.body, '$.tagId') = 't-south'
      BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    db.transaction(() => {
      add('t-vip');
      expect(() => add('t-south')).toThrow(/refused/);
    })();
    expect(opsForPair(db, ME, C).map((o) => o.tagId)).toEqual(['t-vip']);
    expect(auditEvents(db, 'enterprise')).toHaveLength(1);
  });

  it('refuses an op for a customer the store does not know', () => {
    expect(() => enqueueOp(db, { memberUserid: ME, externalUserid: 'wm-nobody', kind: 'add', tagId: 't-vip' })).toThrow(UnknownCustomerError);
    expect(() => enqueueOp(db, { memberUserid: ME, externalUserid: C, kind: 'add' })).toThrow(TypeError);
  });

  it('choosing a stage in a single-choice group replaces its siblings in one op', () => {
    enqueueOp(db, { memberUserid: ME, externalUserid: C, kind: 'single-choice-set', tagId: 't-deal', groupId: 'g-stage', payload: { removeTagIds: ['t-new'] } });
    const eff = effectiveTagsFor(db, ME, C)!;
    expect(eff.effective.sort()).toEqual(['t-deal', 't-east']);
    expect(eff.states.get('t-new')).toBe('pending-remove');
    expect(eff.states.get('t-deal')).toBe('pending-add');
  });

  it('later ops win over earlier ones on the same tag, in sequence order', () => {
    add('t-vip');
    remove('t-vip');
    expect(effectiveTagsFor(db, ME, C)!.effective).not.toContain('t-vip');
    expect(effectiveTagsFor(db, ME, C)!.states.has('t-vip')).toBe(false);
    add('t-vip');
    expect(effectiveTagsFor(db, ME, C)!.states.get('t-vip')).toBe('pending-add');
  });

  it('keeps a pending remark visible until applied', () => {
    enqueueOp(db, { memberUserid: ME, externalUserid: C, kind: 'remark', payload: { remark: '张总', description: '采购负责人' } });
    expect(effectiveTagsFor(db, ME, C)!.pendingRemark).toEqual({ remark: '张总', description: '采购负责人' });
  });

  it('sends in order: intent logged first, applied after read-back, base updated', () => {
    const op = add('t-vip');
    expect(duePairs(db, Number.MAX_SAFE_INTEGER)).toEqual([{ memberUserid: ME, externalUserid: C }]);
    const batch = beginSend(db, { memberUserid: ME, externalUserid: C, api: 'mark_tag', request: { add_tag: ['t-vip'] }, opIds: [op.opId] });
    expect(getOp(db, op.opId)).toMatchObject({ state: 'sending', batchId: batch, attempts: 1 });
    expect(sendLogEntry(db, batch)).toMatchObject({ state: 'sending', request: { add_tag: ['t-vip'] } });
    finishSend(db, batch, 'done', 0);
    setBaseTags(db, ME, C, ['t-new', 't-east', 't-vip']);
    transitionOps(db, [op.opId], 'applied');
    const eff = effectiveTagsFor(db, ME, C)!;
    expect(eff.liveOps).toEqual([]);
    expect(eff.states.get('t-vip')).toBe('applied');
    expect(duePairs(db, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('after a crash mid-send, the op is unknown (still shown) and cannot be applied twice by mistake', () => {
    const op = add('t-vip');
    const batch = beginSend(db, { memberUserid: ME, externalUserid: C, api: 'mark_tag', request: {}, opIds: [op.opId] });
    expect(markInterruptedSends(db)).toBe(1);
    expect(getOp(db, op.opId)!.state).toBe('unknown');
    expect(sendLogEntry(db, batch)!.state).toBe('unknown');
    expect(effectiveTagsFor(db, ME, C)!.states.get('t-vip')).toBe('pending-add');
    // an unknown op is settled by read-back: it may not be sent again directly
    expect(() => transitionOps(db, [op.opId], 'sending')).toThrow(OutboxStateError);
    transitionOps(db, [op.opId], 'pending');
    expect(outboxCounts(db)).toMatchObject({ pending: 1, unknown: 0 });
  });

  it('allows only the documented transitions', () => {
    const all: OpState[] = ['pending', 'sending', 'applied', 'unknown', 'parked', 'dropped'];
    expect(TRANSITIONS.applied).toEqual([]);
    expect(TRANSITIONS.pending).not.toContain('applied');
    const op = add('t-vip');
    for (const to of all.filter((s) => !TRANSITIONS.pending.includes(s))) {
      expect(() => transitionOps(db, [op.opId], to)).toThrow(OutboxStateError);
    }
    transitionOps(db, [op.opId], 'dropped');
    for (const to of all) expect(() => transitionOps(db, [op.opId], to)).toThrow(OutboxStateError);
  });
});

describe('conflicts inbox', () => {
  let db: Db;
  beforeEach(() => {
    db = freshStore();
    load(db, [rec('张伟', ME, { ext: C, tagIds: ['t-new'] })]);
  });

  it('parks an op on a deleted tag, shows it as parked, and a person picks a replacement', () => {
    const op = enqueueOp(db, { memberUserid: ME, externalUserid: C, kind: 'add', tagId: 't-gone', groupName: '价值等级', tagName: '重点' });
    const conflict = parkOp(db, {
      opId: op.opId, kind: 'tag_missing', errcode: 40068, detail: { tagId: 't-gone' },
      choices: [{ kind: 'pick-replacement', candidates: [{ tagId: 't-vip', groupName: '价值等级', tagName: 'VIP' }] }, { kind: 'drop' }],
    });
    expect(openConflicts(db)).toEqual([expect.objectContaining({ id: conflict.id, kind: 'tag_missing', detail: { tagId: 't-gone' } })]);
    const eff = effectiveTagsFor(db, ME, C)!;
    expect(eff.states.get('t-gone')).toBe('parked');
    expect(eff.effective).not.toContain('t-gone');

    resolveConflict(db, conflict.id, { kind: 'replace', tagId: 't-vip', groupId: 'g-value' }, ME);
    expect(getOp(db, op.opId)).toMatchObject({ state: 'pending', tagId: 't-vip' });
    expect(effectiveTagsFor(db, ME, C)!.states.get('t-vip')).toBe('pending-add');
    expect(openConflicts(db)).toEqual([]);
    expect(() => resolveConflict(db, conflict.id, { kind: 'retry' }, ME)).toThrow(ConflictResolvedError);
    const types = auditEvents(db, 'enterprise').map((e) => e.body.type);
    expect(types).toEqual(['outbox.add', 'conflict.parked', 'outbox.rewrite', 'conflict.resolved']);
  });

  it('dropping keeps the op and the reason; nothing disappears', () => {
    const op = enqueueOp(db, { memberUserid: ME, externalUserid: C, kind: 'remove', tagId: 't-new' });
    const c = parkOp(db, { opId: op.opId, kind: 'permission', errcode: 48002, detail: {}, choices: [{ kind: 'drop' }] });
    resolveConflict(db, c.id, { kind: 'drop', reason: '客户已转交' }, ME);
    expect(getOp(db, op.opId)).toMatchObject({ state: 'dropped', error: '客户已转交' });
    expect(effectiveTagsFor(db, ME, C)!.states.get('t-new')).toBe('applied');
  });
});
