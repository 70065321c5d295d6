import type { Migration } from './index';

/**
 * Approval requests filed on this device, queued until the team server has them: a request
 * made offline waits here (and shows on the panel as awaiting approval) and is sent in order
 * on reconnect. The request id is the server's idempotency key, so a resend never doubles it.
 */
export const m009ApprovalOutbox: Migration = {
  name: '009-approval-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE approval_outbox (
        request_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        body TEXT NOT NULL CHECK (json_valid(body)),
        state TEXT NOT NULL CHECK (state IN ('queued', 'sent', 'refused')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER
      ) STRICT;
      CREATE INDEX approval_outbox_queued ON approval_outbox(state, seq);
    `);
  },
};
