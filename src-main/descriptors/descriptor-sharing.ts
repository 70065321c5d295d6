// Personal knowledge to company knowledge, with consent (docs/automation.md). Per personal tag the
// member may choose a company descriptor; the device then shares, under a random grant id, only
// the descriptor and the customers carrying the tag — never the tag's text, never who shared it.
// Revoking withdraws the grant from the server. Consent and revocation are recorded on the
// device-only personal audit chain. Publishing is idempotent: the customer set is hashed and only
// a changed set (or an earlier failure) is sent again.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/database';
import { appendAuditEvent } from '../store/audit';
import { inTransaction, prepared } from '../store/sql';
import type { DescriptorGrant } from '../../src-shared/team-api/dashboard';

export interface DescriptorConsent {
  personalTagId: number;
  descriptorId: string;
  grantId: string;
  status: 'active' | 'revoking';
  consentedAt: number;
  publishedAt: number | null;
  publishedHash: string | null;
  publishedCustomers: number | null;
  publishError: string | null;
}

interface Row {
  personal_tag_id: number; descriptor_id: string; grant_id: string; status: 'active' | 'revoking'; consented_at: number;
  published_at: number | null; published_hash: string | null; published_customers: number | null; publish_error: string | null;
}
const toConsent = (r: Row): DescriptorConsent => ({
  personalTagId: r.personal_tag_id, descriptorId: r.descriptor_id, grantId: r.grant_id, status: r.status, consentedAt: r.consented_at,
  publishedAt: r.published_at, publishedHash: r.published_hash, publishedCustomers: r.published_customers, publishError: r.publish_error,
});

/** What the server is told for one grant; exported so tests can see exactly what leaves the device. */
export interface GrantSender {
  publish(grantId: string, grant: DescriptorGrant): Promise<unknown>;
  withdraw(grantId: string): Promise<unknown>;
}

export function listConsents(db: Db): DescriptorConsent[] {
  return prepared<[], Row>(db, `SELECT * FROM descriptor_consents ORDER BY personal_tag_id`).all().map(toConsent);
}

/** Customers currently carrying a live personal tag (none once the tag is in the recycle bin). */
export function customersOfPersonalTag(db: Db, tagId: number): string[] {
  return prepared<[number], string>(db, `
    SELECT c.external_userid FROM personal_tag_assignments a
    JOIN customers c ON c.id = a.customer_id
    JOIN personal_tags t ON t.id = a.personal_tag_id AND t.deleted_at IS NULL
    WHERE a.personal_tag_id = ? ORDER BY c.external_userid`).pluck().all(tagId);
}

const hashOf = (descriptorId: string, customers: readonly string[]): string =>
  createHash('sha256').update(descriptorId).update('\u0000').update(customers.join('\u0001')).digest('base64url');

/** Records consent for one personal tag (or a new descriptor for it); returns the consent. */
export function giveConsent(db: Db, tagId: number, descriptorId: string, now: number): DescriptorConsent {
  return inTransaction(db, () => {
    const existing = prepared<[number], Row>(db, `SELECT * FROM descriptor_consents WHERE personal_tag_id = ?`).get(tagId);
    if (existing) {
      prepared(db, `UPDATE descriptor_consents SET descriptor_id = ?, status = 'active', consented_at = ? WHERE personal_tag_id = ?`).run(descriptorId, now, tagId);
    } else {
      prepared(db, `INSERT INTO descriptor_consents (personal_tag_id, descriptor_id, grant_id, status, consented_at) VALUES (?, ?, ?, 'active', ?)`)
        .run(tagId, descriptorId, randomBytes(18).toString('base64url'), now);
    }
    appendAuditEvent(db, 'personal', { type: 'descriptor.consent', tagId, descriptorId }, now);
    return toConsent(prepared<[number], Row>(db, `SELECT * FROM descriptor_consents WHERE personal_tag_id = ?`).get(tagId)!);
  });
}

/** Marks a consent revoked; the grant is withdrawn from the server by `syncConsents`. */
export function revokeConsent(db: Db, tagId: number, now: number): boolean {
  return inTransaction(db, () => {
    const changed = prepared(db, `UPDATE descriptor_consents SET status = 'revoking' WHERE personal_tag_id = ? AND status = 'active'`).run(tagId).changes > 0;
    if (changed) appendAuditEvent(db, 'personal', { type: 'descriptor.revoke', tagId }, now);
    return changed;
  });
}

/**
 * Brings the server in line with the consents: withdraws revoked grants (then forgets them) and
 * publishes active ones whose customer set changed since last sent. A failure is kept on the row
 * (and retried next time) rather than thrown, so one unreachable moment loses nothing.
 */
export async function syncConsents(db: Db, sender: GrantSender, now: () => number): Promise<{ published: number; withdrawn: number; failed: number }> {
  let published = 0, withdrawn = 0, failed = 0;
  for (const c of listConsents(db)) {
    try {
      if (c.status === 'revoking') {
        await sender.withdraw(c.grantId);
        prepared(db, `DELETE FROM descriptor_consents WHERE personal_tag_id = ? AND status = 'revoking'`).run(c.personalTagId);
        withdrawn++;
        continue;
      }
      const customers = customersOfPersonalTag(db, c.personalTagId);
      const hash = hashOf(c.descriptorId, customers);
      if (hash === c.publishedHash && c.publishError === null) continue;
      await sender.publish(c.grantId, { descriptorId: c.descriptorId, externalUserids: customers });
      prepared(db, `UPDATE descriptor_consents SET published_at = ?, published_hash = ?, published_customers = ?, publish_error = NULL WHERE personal_tag_id = ? AND descriptor_id = ? AND status = 'active'`)
        .run(now(), hash, customers.length, c.personalTagId, c.descriptorId);
      published++;
    } catch (e) {
      const message = (e as { userMessage?: string }).userMessage ?? '无法连接团队服务器，稍后自动重试。';
      prepared(db, `UPDATE descriptor_consents SET publish_error = ? WHERE personal_tag_id = ?`).run(message, c.personalTagId);
      failed++;
    }
  }
  return { published, withdrawn, failed };
}
