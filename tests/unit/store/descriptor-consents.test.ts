// Descriptor consents on the device: a salesperson shares 偏爱深夜沟通 as 消费时段敏感型 while the
// team server is unreachable — nothing is lost, the failure shows on the row and the next sync
// sends it; an unchanged customer set is not sent again; a revoke made offline stays pending until
// the server has withdrawn the grant; a tag in the recycle bin shares no customers.
import { describe, it, expect } from 'vitest';
import { freshStore, rec } from './fixtures';
import { applyFollowRecords } from '../../../src-main/store/customers';
import { assignPersonalTag, createPersonalTag, deletePersonalTag } from '../../../src-main/store/personal-tags';
import { giveConsent, listConsents, revokeConsent, syncConsents, type GrantSender } from '../../../src-main/descriptors/descriptor-sharing';
import type { DescriptorGrant } from '../../../src-shared/team-api/dashboard';

function server() {
  let up = false;
  const grants = new Map<string, DescriptorGrant>();
  const calls: string[] = [];
  const sender: GrantSender = {
    publish: async (id, g) => {
      calls.push(`PUT ${id}`);
      if (!up) throw Object.assign(new Error('unreachable'), { userMessage: '无法连接团队服务器，请检查网络后重试。' });
      grants.set(id, g);
    },
    withdraw: async (id) => {
      calls.push(`DELETE ${id}`);
      if (!up) throw new Error('unreachable');
      grants.delete(id);
    },
  };
  return { sender, grants, calls, setUp: (v: boolean) => (up = v) };
}

describe('descriptor consents', () => {
  it('survive an unreachable server, send only real changes, and withdraw on revoke', async () => {
    const db = freshStore();
    applyFollowRecords(db, [rec('李明', 'zhangsan', { ext: 'wm-a' }), rec('王芳', 'zhangsan', { ext: 'wm-b' })]);
    const tag = createPersonalTag(db, '偏爱深夜沟通');
    assignPersonalTag(db, 'wm-a', tag.id);
    const s = server();
    const now = () => 1_800_000_000;

    giveConsent(db, tag.id, 'time-sensitive', now());
    expect(await syncConsents(db, s.sender, now)).toEqual({ published: 0, withdrawn: 0, failed: 1 });
    expect(listConsents(db)[0]).toMatchObject({ status: 'active', publishedAt: null, publishError: '无法连接团队服务器，请检查网络后重试。' });

    s.setUp(true);
    expect(await syncConsents(db, s.sender, now)).toEqual({ published: 1, withdrawn: 0, failed: 0 });
    const grantId = listConsents(db)[0]!.grantId;
    expect(grantId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(s.grants.get(grantId)).toEqual({ descriptorId: 'time-sensitive', externalUserids: ['wm-a'] });
    expect(listConsents(db)[0]).toMatchObject({ publishedCustomers: 1, publishError: null });

    // Nothing changed: nothing sent. A new customer: sent again under the same grant.
    await syncConsents(db, s.sender, now);
    expect(s.calls.filter((c) => c.startsWith('PUT'))).toHaveLength(2);
    assignPersonalTag(db, 'wm-b', tag.id);
    await syncConsents(db, s.sender, now);
    expect(s.grants.get(grantId)!.externalUserids).toEqual(['wm-a', 'wm-b']);

    // In the recycle bin the tag shares no one.
    deletePersonalTag(db, tag.id);
    await syncConsents(db, s.sender, now);
    expect(s.grants.get(grantId)!.externalUserids).toEqual([]);

    // Revoked offline: pending until the server withdraws it, then forgotten.
    s.setUp(false);
    expect(revokeConsent(db, tag.id, now())).toBe(true);
    expect(revokeConsent(db, tag.id, now())).toBe(false);
    await syncConsents(db, s.sender, now);
    expect(listConsents(db)[0]).toMatchObject({ status: 'revoking' });
    expect(s.grants.has(grantId)).toBe(true);
    s.setUp(true);
    expect(await syncConsents(db, s.sender, now)).toEqual({ published: 0, withdrawn: 1, failed: 0 });
    expect(s.grants.has(grantId)).toBe(false);
    expect(listConsents(db)).toEqual([]);

    // Consent and revocation are on the device's personal audit chain.
    const audit = db.prepare(`SELECT body FROM audit_events WHERE chain = 'personal' ORDER BY seq`).pluck().all() as string[];
    expect(audit.map((b) => (JSON.parse(b) as { type: string }).type)).toEqual(expect.arrayContaining(['descriptor.consent', 'descriptor.revoke']));
  });
});
