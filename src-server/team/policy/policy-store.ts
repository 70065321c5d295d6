// The company's policy document on the team server, its source of truth. Every save is a new
// revision (exactly one above the current, so two admins editing at once cannot silently
// overwrite each other); desktops fetch and cache it and work offline with the last one.
import { parsePolicyDocument, POLICY_SCHEMA_VERSION, type PolicyDocument } from '../../../src-shared/policy/index';
import type { TeamDb } from '../store/database';
import { TeamHttpError } from '../http/respond';

/** `check` refuses a valid document this server cannot honour (e.g. a rule pack it does not have). */
export function createPolicyStore(db: TeamDb, now: () => Date, check: (doc: PolicyDocument) => void = () => undefined) {
  const latest = db.prepare(`SELECT body FROM policy_revisions ORDER BY revision DESC LIMIT 1`).pluck();
  const insert = db.prepare(`INSERT INTO policy_revisions (revision, body, saved_at, saved_by) VALUES (?, ?, ?, ?)`);
  let cached: PolicyDocument | null = null;
  const listeners = new Set<(doc: PolicyDocument) => void>();

  const store = {
    current(): PolicyDocument {
      if (cached) return cached;
      const body = latest.get() as string | undefined;
      if (!body) throw new Error('no policy saved yet: the team server seeds one at first start');
      const parsed = parsePolicyDocument(JSON.parse(body));
      if (!parsed.ok) throw new Error(`stored policy is invalid: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
      return (cached = parsed.value);
    },

    hasAny(): boolean {
      return latest.get() !== undefined;
    },

    /**
     * Validates and saves a new revision; refuses a stale or skipped revision with a clear reason.
     * `within` runs in the same transaction (the audit event); the cache and listeners hear of the
     * revision only once it has committed.
     */
    save(input: unknown, by: string, within: (doc: PolicyDocument) => void = () => undefined): PolicyDocument {
      const parsed = parsePolicyDocument(input);
      if (!parsed.ok) {
        throw new TeamHttpError('bad_request', `invalid policy: ${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, `策略有误：${parsed.issues[0]?.message ?? ''}`, parsed.issues.map((i) => ({ path: i.path, message: i.message })));
      }
      const doc = parsed.value;
      check(doc);
      const current = store.hasAny() ? store.current().revision : 0;
      if (doc.revision !== current + 1) {
        throw new TeamHttpError('conflict', `policy revision ${doc.revision} does not follow the current ${current}`, `策略已被他人修改（当前修订号 ${current}），请刷新后再保存。`);
      }
      const stamped: PolicyDocument = { ...doc, updatedAt: now().toISOString(), updatedBy: by };
      db.transaction(() => {
        insert.run(stamped.revision, JSON.stringify(stamped), stamped.updatedAt, by);
        within(stamped);
      })();
      cached = stamped;
      for (const l of listeners) l(stamped);
      return stamped;
    },

    onChange(listener: (doc: PolicyDocument) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return store;
}

export type PolicyStore = ReturnType<typeof createPolicyStore>;

/** The policy a new company starts with: everyone may apply every group; nothing needs review. */
export function initialPolicy(by: string, now: Date): unknown {
  return {
    schema: 'tagdesk.policy',
    schemaVersion: POLICY_SCHEMA_VERSION,
    revision: 1,
    updatedAt: now.toISOString(),
    updatedBy: by,
    rulePack: { packId: 'tagdesk-default', packVersion: '1.0.0' },
    defaultTagGroup: 'apply',
  };
}
