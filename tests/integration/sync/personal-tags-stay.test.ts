// Personal tags never leave the device: a long session of tagging, remarks, reconnects, faults
// and restarts against the simulator over HTTP, with every request recorded as it goes on the
// wire, and not one of them carries a personal tag's text (nor its id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WecomSimulator } from '../../../src-server/wecom-sim/index';
import { createPersonalTag, assignPersonalTag, renamePersonalTag } from '../../../src-main/store/personal-tags';
import { readCatalog } from '../../../src-main/store/catalog';
import { effectiveTagsFor } from '../../../src-main/store/effective-tags';
import { addEnterpriseTag, removeEnterpriseTag, setRemark, chooseSingleChoiceTag } from '../../../src-main/sync/local-changes';
import { busiestMember, openDesk, settle, startSim } from './harness';

let sim: WecomSimulator;
beforeAll(async () => { sim = await startSim(400); });
afterAll(async () => { await sim.close(); });

describe('personal tags stay on the device', () => {
  it('no request in a long session carries personal tag text', async () => {
    const { member, externals } = busiestMember(sim);
    const desk = openDesk(sim, member, externals);
    await desk.engine.initialLoad();
    const secrets = ['私密-老婆在医院', '只对我说过离婚了', 'PRIVATE-owes-money-8823', '不要外传：欠款'];
    const personal = secrets.map((name, i) => createPersonalTag(desk.db, name, { order: i }, 1000));
    const catalog = readCatalog(desk.db).flatMap((g) => g.tags.map((t) => ({ ...t, group: g.name })));
    let n = 0;
    for (let round = 0; round < 12; round++) {
      if (round % 4 === 1) sim.faults!.busy('externalcontact/mark_tag', 2);
      if (round % 4 === 2) sim.faults!.loseResponses('externalcontact/mark_tag', 1);
      desk.engine.setOnline(round % 3 !== 0);
      for (const ext of externals) {
        const p = personal[n % personal.length]!;
        assignPersonalTag(desk.db, ext, p.id, 1000 + n);
        const eff = effectiveTagsFor(desk.db, member, ext)!.effective;
        const pick = catalog[(n * 7) % catalog.length]!;
        if (pick.group === '客户阶段') chooseSingleChoiceTag(desk.db, { member, external: ext }, pick.tagId, desk.now());
        else if (eff.includes(pick.tagId)) removeEnterpriseTag(desk.db, { member, external: ext }, pick.tagId, desk.now());
        else addEnterpriseTag(desk.db, { member, external: ext }, pick.tagId, desk.now());
        if (n % 5 === 0) setRemark(desk.db, { member, external: ext }, { description: `回访第${n}次` }, desk.now());
        n++;
      }
      if (round === 6) renamePersonalTag(desk.db, personal[0]!.id, '私密-改名后仍不外传', 2000);
      if (desk.engine.status().online) await settle(desk);
    }
    desk.engine.setOnline(true);
    await settle(desk);
    await desk.engine.refreshCustomers(externals);

    expect(desk.requests.length).toBeGreaterThan(200);
    const wire = desk.requests.map((r) => { try { return decodeURIComponent(r); } catch { return r; } });
    for (const text of [...secrets, '私密-改名后仍不外传']) {
      for (const r of wire) expect(r.includes(text), `request leaks "${text}": ${r.slice(0, 200)}`).toBe(false);
    }
    // Nor anything that looks like a personal tag row: no "personal" field, no personal tag ids as tag ids.
    for (const r of wire) expect(r).not.toMatch(/personal/i);
  }, 60_000);
});
