import type { Migration } from './index';

/**
 * The outbox of local enterprise changes, the send log (intent recorded before each HTTP call)
 * and the conflicts inbox. Ops of one (member, customer) pair are ordered by `seq`, never by
 * wall clock. Terminal ops (applied, dropped) are kept: nothing disappears without a trace.
 */
export const m006Outbox: Migration = {
  name: '006-outbox',
  up(db) {
    db.exec(`
      CREATE TABLE send_log (
        batch_id TEXT PRIMARY KEY,
        member_userid TEXT NOT NULL,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        api TEXT NOT NULL CHECK (api IN ('mark_tag', 'remark')),
        request TEXT NOT NULL CHECK (json_valid(request)),
        state TEXT NOT NULL CHECK (state IN ('sending', 'done', 'failed', 'unknown')),
        errcode INTEGER,
        sent_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX send_log_open ON send_log(state) WHERE state IN ('sending', 'unknown');

      CREATE TABLE outbox_ops (
        op_id TEXT PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id),
        member_userid TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq > 0),
        kind TEXT NOT NULL CHECK (kind IN ('add', 'remove', 'remark', 'single-choice-set')),
        tag_id TEXT,
        group_id TEXT,
        group_name TEXT,
        tag_name TEXT,
        payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
        state TEXT NOT NULL DEFAULT 'pending'
          CHECK (state IN ('pending', 'sending', 'applied', 'unknown', 'parked', 'dropped')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        batch_id TEXT REFERENCES send_log(batch_id),
        last_errcode INTEGER,
        error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (customer_id, member_userid, seq),
        CHECK ((kind = 'remark') = (tag_id IS NULL))
      ) STRICT;
      CREATE INDEX outbox_ops_state ON outbox_ops(state, next_attempt_at);

      CREATE TABLE conflicts (
        id INTEGER PRIMARY KEY,
        op_id TEXT NOT NULL REFERENCES outbox_ops(op_id),
        kind TEXT NOT NULL CHECK (kind IN ('tag_missing', 'ambiguous_remap', 'not_following',
          'permission', 'single_choice_clash', 'unknown_errcode')),
        detail TEXT NOT NULL CHECK (json_valid(detail)),
        server_value TEXT CHECK (server_value IS NULL OR json_valid(server_value)),
        choices TEXT NOT NULL CHECK (json_valid(choices)),
        created_at INTEGER NOT NULL,
        resolved_at INTEGER,
        resolution TEXT CHECK (resolution IN ('replaced', 'created', 'dropped', 'retried')),
        resolution_note TEXT
      ) STRICT;
      CREATE UNIQUE INDEX conflicts_open_op ON conflicts(op_id) WHERE resolved_at IS NULL;
      CREATE INDEX conflicts_open ON conflicts(created_at) WHERE resolved_at IS NULL;
    `);
  },
};
