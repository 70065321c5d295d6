// Edits made in WeCom itself (the admin console, a colleague in the WeCom client) reach the
// open panels through WeCom's encrypted callbacks; when WeCom drops a callback, the team
// server's reconciliation finds the change anyway.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { encryptMessage, msgSignature } from '../../../src-server/wecom-crypto/callback-crypto';
import { openEvents, signIn } from './helpers';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 300, faults: true, reconcileIntervalMs: 0 });
});
afterAll(async () => demo?.close());

const faults = () => demo.sim.faults!;
const creds = () => demo.sim.company.credentials;

describe('WeCom callbacks', () => {
  it('answers WeCom’s URL check with the decrypted echostr', async () => {
    const r = await faults().verifyCallback();
    expect(r).toMatchObject({ ok: true });
  });

  it('pushes a colleague’s edit in the WeCom client to the member’s panel', async () => {
    const rel = demo.sim.company.relations.find((r) => r.userid === 'wuhao')!;
    const stream = await openEvents(demo, await signIn(demo, 'wuhao'));
    const tag = demo.sim.company.tagGroups.find((g) => g.group_name === '服务偏好')!.tags.find((t) => !rel.tag_ids.includes(t.id))!;
    faults().colleagueEdit({ userid: 'wuhao', external_userid: rel.external_userid, add_tag: [tag.id] });
    const e = await stream.next((x) => x.event.kind === 'customer.tags.changed' && x.event.externalUserid === rel.external_userid);
    expect(e.event).toMatchObject({ userid: 'wuhao', source: 'wecom' });
    stream.close();
  });

  it('pushes an admin-console catalog change to every panel', async () => {
    const stream = await openEvents(demo, await signIn(demo, 'xuming'));
    faults().consoleAddTags('地域', ['西藏']);
    const e = await stream.next((x) => x.event.kind === 'catalog.changed');
    expect(e.event).toMatchObject({ source: 'wecom' });
    stream.close();
  });

  it('refuses a callback with a forged signature, and acts once on a repeated delivery', async () => {
    const encrypt = encryptMessage(creds().encodingAesKey, demo.sim.corpid, '<xml><Event><![CDATA[change_external_tag]]></Event><ChangeType><![CDATA[update]]></ChangeType><Id><![CDATA[x]]></Id></xml>');
    const body = `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const forged = await fetch(`${demo.team.url}/wecom/callback?msg_signature=${'0'.repeat(40)}&timestamp=1&nonce=n`, { method: 'POST', body });
    expect(forged.status).toBe(403);
    const stream = await openEvents(demo, await signIn(demo, 'xuming'));
    const sig = msgSignature(creds().callbackToken, '100', 'nonce1', encrypt);
    for (let i = 0; i < 2; i++) {
      const ok = await fetch(`${demo.team.url}/wecom/callback?msg_signature=${sig}&timestamp=100&nonce=nonce1`, { method: 'POST', body });
      expect(await ok.text()).toBe('success');
    }
    await stream.next((x) => x.event.kind === 'catalog.changed');
    demo.team.ctx.events.publish({ kind: 'policy.updated', version: 0 }, '*'); // an ordered marker
    await stream.next((x) => x.event.kind === 'policy.updated');
    expect(stream.seen.filter((x) => x.event.kind === 'catalog.changed')).toHaveLength(1);
    stream.close();
  });
});

describe('reconciliation after dropped callbacks', () => {
  it('finds a change WeCom never called back about', async () => {
    const member = 'songjia';
    await demo.team.reconciler.checkMember(member); // first look: records, announces nothing
    faults().setCallback({ url: `${demo.team.url}/wecom/callback`, dropRate: 1 });
    const rel = demo.sim.company.relations.find((r) => r.userid === member)!;
    const stream = await openEvents(demo, await signIn(demo, member));
    const tag = demo.sim.company.tagGroups.find((g) => g.group_name === '服务偏好')!.tags.find((t) => !rel.tag_ids.includes(t.id))!;
    faults().colleagueEdit({ userid: member, external_userid: rel.external_userid, add_tag: [tag.id] });
    expect(await demo.team.reconciler.checkMember(member)).toBe(1);
    const e = await stream.next((x) => x.event.kind === 'customer.tags.changed' && x.event.externalUserid === rel.external_userid);
    expect(e.event.kind).toBe('customer.tags.changed');
    expect(await demo.team.reconciler.checkMember(member)).toBe(0);
    stream.close();
    faults().setCallback({ url: `${demo.team.url}/wecom/callback` });
  });
});
