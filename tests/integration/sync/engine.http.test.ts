// The sync engine's main flows against the WeCom simulator over real HTTP: first load, offline
// work reconciled on reconnect, dead tag ids re-resolved or parked, single-choice clashes in the
// inbox, lost and late responses settled by read-back, remarks, and the stall signal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WecomSimulator } from '../../../src-server/wecom-sim/index';
import { effectiveTagsFor } from '../../../src-main/store/effective-tags';
import { auditEvents, verifyAuditChain } from '../../../src-main/store/audit';
import { readCatalog } from '../../../src-main/store/catalog';
import { getOp } from '../../../src-main/store/outbox';
import { addEnterpriseTag, chooseSingleChoiceTag, removeEnterpriseTag, RemarkRefusedError, setRemark } from '../../../src-main/sync/local-changes';
import { compileLinter, defaultRulePack } from '../../../src-shared/compliance/index';
import { listInbox, resolveInboxItem } from '../../../src-main/sync/inbox';
import { busiestMember, openDesk, serverTags, settle, startSim, type Desk } from './harness';

let sim: WecomSimulator;
let desk: Desk;

beforeAll(async () => {
  sim = await startSim();
  const { member, externals } = busiestMember(sim);
  desk = openDesk(sim, member, externals);
  await desk.engine.initialLoad({ directory: true });
});
afterAll(async () => {
  await sim.close();
});

const liveTagsOf = (group: string) => readCatalog(desk.db).find((g) => g.name === group)!.tags;
const meta = (external: string) => ({ member: desk.member, external });
const eff = (external: string) => [...(effectiveTagsFor(desk.db, desk.member, external)?.effective ?? [])].sort();

describe('sync engine against the simulator (HTTP)', () => {
  it('first load brings the directory and every customer of the member with the tags WeCom holds', () => {
    expect(desk.db.prepare('SELECT COUNT(*) FROM members').pluck().get()).toBe(sim.runtime.state.members.size);
    expect(desk.db.prepare('SELECT COUNT(*) FROM departments').pluck().get()).toBeGreaterThan(1);
    expect(desk.externals.length).toBeGreaterThan(5);
    for (const ext of desk.externals) expect(eff(ext)).toEqual(serverTags(sim, desk.member, ext));
  });

  it('a salesperson offline tags three customers; the panel shows it at once; reconnect sends only the deltas', async () => {
    desk.engine.setOnline(false);
    const [a, b, c] = desk.externals;
    const product = liveTagsOf('产品偏好').find((t) => !eff(a!).includes(t.tagId))!;
    const opA = addEnterpriseTag(desk.db, meta(a!), product.tagId, desk.now());
    const removed = eff(b!)[0]!;
    const opB = removeEnterpriseTag(desk.db, meta(b!), removed, desk.now());
    const stage = liveTagsOf('客户阶段').find((t) => !eff(c!).includes(t.tagId))!;
    const opC = chooseSingleChoiceTag(desk.db, meta(c!), stage.tagId, desk.now());
    expect(eff(a!)).toContain(product.tagId);
    expect(eff(b!)).not.toContain(removed);
    expect(eff(c!)).toContain(stage.tagId);
    const before = desk.requests.length;
    await desk.engine.drain();
    expect(desk.requests.length).toBe(before);

    // Meanwhile a colleague changes an untouched tag of customer a in WeCom.
    const other = liveTagsOf('活动参与').find((t) => !serverTags(sim, desk.member, a!).includes(t.tagId))!;
    sim.faults!.colleagueEdit({ userid: desk.member, external_userid: a!, add_tag: [other.tagId] });

    desk.engine.setOnline(true);
    await settle(desk);
    expect(serverTags(sim, desk.member, a!)).toEqual(expect.arrayContaining([product.tagId, other.tagId]));
    expect(serverTags(sim, desk.member, b!)).not.toContain(removed);
    expect(serverTags(sim, desk.member, c!)).toContain(stage.tagId);
    for (const op of [opA, opB, opC]) expect(getOp(desk.db, op.opId)!.state).toBe('applied');
    const marks = desk.requests.slice(before).filter((r) => r.includes('mark_tag'));
    expect(marks.length).toBe(3);
    for (const m of marks) expect(m).not.toContain(other.tagId);
    expect(eff(a!)).toEqual(serverTags(sim, desk.member, a!));
    expect(verifyAuditChain(desk.db, 'enterprise').ok).toBe(true);
  });

  it('a colleague rebuilds a tag group meanwhile: the op is re-resolved by (group, name) and audited', async () => {
    const ext = desk.externals[3]!;
    const target = liveTagsOf('服务偏好').find((t) => !eff(ext).includes(t.tagId))!;
    desk.engine.setOnline(false);
    const op = addEnterpriseTag(desk.db, meta(ext), target.tagId, desk.now());
    const mapping = sim.faults!.reassignTagIds(target.groupId!, true);
    desk.engine.setOnline(true);
    await settle(desk);
    const after = getOp(desk.db, op.opId)!;
    expect(after.state, JSON.stringify(after)).toBe('applied');
    expect(after.tagId).toBe(mapping[target.tagId]);
    expect(serverTags(sim, desk.member, ext)).toContain(mapping[target.tagId]);
    expect(auditEvents(desk.db, 'enterprise', 1, 100_000).some((e) => e.body.type === 'outbox.rewrite' && e.body.opId === op.opId)).toBe(true);
  });

  it('a deleted tag with no match parks the op with choices; creating the tag from the inbox applies it', async () => {
    const ext = desk.externals[4]!;
    const victim = liveTagsOf('购买意向').find((t) => !eff(ext).includes(t.tagId))!;
    desk.engine.setOnline(false);
    const op = addEnterpriseTag(desk.db, meta(ext), victim.tagId, desk.now());
    sim.faults!.consoleDeleteTag(victim.tagId);
    desk.engine.setOnline(true);
    await settle(desk);
    expect(getOp(desk.db, op.opId)!.state).toBe('parked');
    const item = listInbox(desk.db).find((i) => i.op.opId === op.opId)!;
    expect(item.conflict.kind).toBe('tag_missing');
    expect(item.conflict.choices.map((c) => c.kind)).toEqual(expect.arrayContaining(['pick-replacement', 'create-tag', 'drop']));
    await resolveInboxItem(desk.db, desk.engine.client, item.conflict.id, { kind: 'create-tag' }, 'zhangsan-supervisor', desk.now());
    await settle(desk);
    const done = getOp(desk.db, op.opId)!;
    expect(done.state).toBe('applied');
    expect(sim.runtime.state.activeTag(done.tagId!)!.name).toBe(victim.name);
    expect(serverTags(sim, desk.member, ext)).toContain(done.tagId);
  });

  it('a person picks a replacement for a parked op, or drops one with a reason', async () => {
    const ext = desk.externals[11]!;
    const group = liveTagsOf('活动参与').filter((t) => !eff(ext).includes(t.tagId));
    const [gone, replacement, other] = group;
    desk.engine.setOnline(false);
    const op = addEnterpriseTag(desk.db, meta(ext), gone!.tagId, desk.now());
    const op2 = addEnterpriseTag(desk.db, meta(desk.externals[12]!), gone!.tagId, desk.now());
    sim.faults!.consoleDeleteTag(gone!.tagId);
    desk.engine.setOnline(true);
    await desk.engine.refreshCatalog();
    await settle(desk);
    const [item, item2] = [op, op2].map((o) => listInbox(desk.db).find((i) => i.op.opId === o.opId)!);
    await resolveInboxItem(desk.db, desk.engine.client, item!.conflict.id, { kind: 'pick-replacement', tagId: replacement!.tagId, groupId: replacement!.groupId }, 'supervisor', desk.now());
    await expect(resolveInboxItem(desk.db, undefined, item2!.conflict.id, { kind: 'drop', reason: ' ' }, 'supervisor', desk.now())).rejects.toThrow(/reason/);
    await resolveInboxItem(desk.db, undefined, item2!.conflict.id, { kind: 'drop', reason: '活动已取消' }, 'supervisor', desk.now());
    await settle(desk);
    expect(getOp(desk.db, op.opId)!.state).toBe('applied');
    expect(serverTags(sim, desk.member, ext)).toContain(replacement!.tagId);
    expect(serverTags(sim, desk.member, ext)).not.toContain(other!.tagId);
    expect(getOp(desk.db, op2.opId)).toMatchObject({ state: 'dropped', error: '活动已取消' });
    expect(listInbox(desk.db).some((i) => i.op.opId === op.opId || i.op.opId === op2.opId)).toBe(false);
  });

  it('a stage chosen offline clashes with a stage a colleague set meanwhile: inbox, then confirmed', async () => {
    const ext = desk.externals[5]!;
    const stages = liveTagsOf('客户阶段');
    const current = eff(ext).filter((t) => stages.some((s) => s.tagId === t));
    const [mine, theirs] = stages.filter((s) => !current.includes(s.tagId));
    desk.engine.setOnline(false);
    const op = chooseSingleChoiceTag(desk.db, meta(ext), mine!.tagId, desk.now());
    sim.faults!.colleagueEdit({ userid: desk.member, external_userid: ext, add_tag: [theirs!.tagId] });
    desk.engine.setOnline(true);
    await settle(desk);
    expect(getOp(desk.db, op.opId)!.state).toBe('parked');
    const item = listInbox(desk.db).find((i) => i.op.opId === op.opId)!;
    expect(item.conflict.kind).toBe('single_choice_clash');
    expect(item.conflict.serverValue).toEqual([theirs!.tagId]);
    await resolveInboxItem(desk.db, desk.engine.client, item.conflict.id, { kind: 'retry' }, 'supervisor', desk.now());
    await settle(desk);
    const server = serverTags(sim, desk.member, ext);
    expect(server).toContain(mine!.tagId);
    expect(server).not.toContain(theirs!.tagId);
    expect(server.filter((t) => stages.some((s) => s.tagId === t))).toEqual([mine!.tagId]);
  });

  it('a lost response is settled by reading back, never by resending', async () => {
    const ext = desk.externals[6]!;
    const tag = liveTagsOf('产品偏好').find((t) => !eff(ext).includes(t.tagId))!;
    sim.faults!.loseResponses('externalcontact/mark_tag', 1);
    const op = addEnterpriseTag(desk.db, meta(ext), tag.tagId, desk.now());
    const before = desk.requests.length;
    await desk.engine.drain();
    expect(getOp(desk.db, op.opId)!.state).toBe('unknown');
    await settle(desk);
    expect(getOp(desk.db, op.opId)!.state).toBe('applied');
    expect(desk.requests.slice(before).filter((r) => r.includes('mark_tag')).length).toBe(1);
  });

  it('an ok whose effect shows up late is rechecked, not resent', async () => {
    const ext = desk.externals[7]!;
    const tag = liveTagsOf('产品偏好').find((t) => !eff(ext).includes(t.tagId))!;
    sim.faults!.lateApply('externalcontact/mark_tag', 300, 1);
    const op = addEnterpriseTag(desk.db, meta(ext), tag.tagId, desk.now());
    const before = desk.requests.length;
    await desk.engine.drain();
    expect(getOp(desk.db, op.opId)!.state).toBe('pending');
    await new Promise((r) => setTimeout(r, 400));
    await settle(desk);
    expect(getOp(desk.db, op.opId)!.state).toBe('applied');
    expect(desk.requests.slice(before).filter((r) => r.includes('mark_tag')).length).toBe(1);
  });

  it('45009 pauses mark_tag for at least a minute; the ops wait, then go', async () => {
    const ext = desk.externals[8]!;
    const tag = liveTagsOf('产品偏好').find((t) => !eff(ext).includes(t.tagId))!;
    sim.faults!.rateLimit('externalcontact/mark_tag', 1);
    const op = addEnterpriseTag(desk.db, meta(ext), tag.tagId, desk.now());
    await desk.engine.drain();
    const waiting = getOp(desk.db, op.opId)!;
    expect(waiting.state).toBe('pending');
    expect(waiting.lastErrcode).toBe(45009);
    expect(waiting.nextAttemptAt * 1000).toBeGreaterThanOrEqual(desk.now() + 59_000);
    await new Promise((r) => setTimeout(r, 1100));
    await settle(desk);
    expect(getOp(desk.db, op.opId)!.state).toBe('applied');
  });

  it('a remark the compliance linter blocks is refused before anything is queued', () => {
    const linter = compileLinter(defaultRulePack());
    const lint = (text: string) => { const r = linter.lint(text, { field: 'note' }); return r.verdict === 'block' || r.verdict === 'approval' ? r.findings.map((f) => f.category).join(', ') : null; };
    const before = desk.engine.status().openOps;
    expect(() => setRemark(desk.db, meta(desk.externals[10]!), { description: '身份证 11010519491231002X' }, desk.now(), lint)).toThrow(RemarkRefusedError);
    expect(desk.engine.status().openOps).toBe(before);
  });

  it('remarks and descriptions go through the same outbox', async () => {
    const ext = desk.externals[9]!;
    const op = setRemark(desk.db, meta(ext), { remark: '王总-重点', description: '三月回访，关注净水器' }, desk.now());
    await settle(desk);
    expect(getOp(desk.db, op.opId)!.state).toBe('applied');
    const rel = sim.runtime.state.relation(desk.member, ext)!;
    expect([rel.remark, rel.description]).toEqual(['王总-重点', '三月回访，关注净水器']);
  });
});
