// The admin channels end to end through main's dispatcher (as browser mode and the Electron
// shell call them), signed in the real way against the demo team: a supervisor previews and
// starts a bulk batch for the team, follows it through batch.progress events, undoes it; a
// salesperson is refused catalog work with the server's Chinese reason; an import preview and
// an export travel through the same channels.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openDesktop, signIn, startTeam, waitFor, type Desktop } from '../workspace/harness';
import type { DemoTeam } from '../../../src-server/demo/demo-team';

let team: DemoTeam;
const desks: Desktop[] = [];
beforeAll(async () => {
  team = await startTeam(300);
});
afterAll(async () => {
  for (const d of desks) d.close();
  await team?.close();
});

const tagId = (group: string, name: string): string => team.sim.company.tagGroups.find((g) => g.group_name === group)!.tags.find((t) => t.name === name)!.id;

describe('admin channels', () => {
  it('a supervisor bulk-tags the team through IPC, follows progress events and undoes the batch', async () => {
    const desk = openDesktop(team);
    desks.push(desk);
    await signIn(desk, 'chenjing');
    const coffee = tagId('产品偏好', '咖啡机');
    const preview = await desk.call('admin.bulk.preview', { selector: { query: '华东' }, add: [coffee] });
    expect(preview.customers).toBeGreaterThan(0);
    expect(preview.refused).toBe(0);
    const team2 = team.team.ctx.directory.teamOf(team.team.ctx.directory.member('chenjing')!).map((m) => m.userid);
    expect(preview.sample.every((s) => team2.includes(s.userid))).toBe(true);
    const batch = await desk.call('admin.bulk.start', { selector: { query: '华东' }, add: [coffee], title: '华东：咖啡机' });
    expect(batch.status).toBe('running');
    await waitFor('the batch to finish', () => desk.events.find((e) => e.type === 'batch.progress' && e.batchId === batch.id && e.status === 'done'), 30_000);
    const done = await desk.call('admin.batches.get', { id: batch.id });
    expect(done.counts.failed).toBe(0);
    const items = await desk.call('admin.batches.items', { id: batch.id, status: 'done' });
    expect(items.items.length).toBe(done.counts.done);
    for (const i of items.items) expect(team.sim.runtime.state.relation(i.userid, i.externalUserid)!.tag_ids).toContain(coffee);
    const undo = await desk.call('admin.batches.undo', { id: batch.id });
    await waitFor('the undo to finish', () => desk.events.find((e) => e.type === 'batch.progress' && e.batchId === undo.id && e.status === 'done'), 30_000);
    for (const i of items.items) expect(team.sim.runtime.state.relation(i.userid, i.externalUserid)!.tag_ids).not.toContain(coffee);
    expect((await desk.call('admin.batches.list', {})).batches.map((b) => b.id)).toEqual(expect.arrayContaining([batch.id, undo.id]));
  });

  it('a salesperson is refused catalog work with the reason; import preview and export go through the same channels', async () => {
    const desk = openDesktop(team);
    desks.push(desk);
    await signIn(desk, 'liuyang');
    const refused = await desk.fail('admin.catalog.createGroup', { groupName: '私人分组', tags: [{ name: '试试' }] });
    expect(refused.code).toBe('forbidden');
    expect(refused.userMessage).toMatch(/[\u4e00-\u9fff]/);
    const invalid = await desk.fail('admin.catalog.delete', {});
    expect(invalid.code).toBe('invalid_args');
    const rel = team.sim.company.relations.find((r) => r.userid === 'liuyang')!;
    const csv = `客户ID,产品偏好\r\n${rel.external_userid},智能门所\r\n`;
    const preview = await desk.call('admin.import.preview', { fileBase64: Buffer.from(csv).toString('base64') });
    expect(preview.errors).toEqual([expect.objectContaining({ row: 2, code: 'unknown_tag', suggestion: expect.stringContaining('智能门锁') as string })]);
    const exported = await desk.call('admin.export.customers', {});
    expect(exported.csv.startsWith('\uFEFF客户ID,')).toBe(true);
    expect(exported.rows).toBe(team.sim.company.relations.filter((r) => r.userid === 'liuyang').length);
  });
});
