import type { Migration } from './index';

/**
 * Customers, follow relations (member, customer) and the base snapshot of each relation's
 * enterprise tags: the last server state, against which pending ops are merged. Search terms
 * are precomputed at write time (pinyin, initials, suffixes, reversed mobiles) so every search
 * is a handful of index range scans; see docs/store.md for the ranking. Customer rows are
 * never deleted by sync (a customer who left keeps their history); relations are.
 */
export const m004Customers: Migration = {
  name: '004-customers',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        external_userid TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        type INTEGER NOT NULL DEFAULT 1 CHECK (type IN (1, 2)),
        corp_name TEXT,
        corp_full_name TEXT,
        position TEXT,
        gender INTEGER NOT NULL DEFAULT 0,
        avatar TEXT,
        name_pinyin TEXT NOT NULL DEFAULT '',
        name_initials TEXT NOT NULL DEFAULT '',
        search_terms TEXT NOT NULL DEFAULT '[]',
        synced_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE follow_relations (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        member_userid TEXT NOT NULL,
        remark TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        remark_corp_name TEXT,
        remark_mobiles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(remark_mobiles)),
        add_time INTEGER NOT NULL DEFAULT 0,
        add_way INTEGER,
        tags_synced_at INTEGER,
        UNIQUE (customer_id, member_userid)
      ) STRICT;
      CREATE INDEX follow_relations_member ON follow_relations(member_userid, customer_id);

      CREATE TABLE relation_base_tags (
        relation_id INTEGER NOT NULL REFERENCES follow_relations(id) ON DELETE CASCADE,
        tag_ref INTEGER NOT NULL REFERENCES tags(ref),
        PRIMARY KEY (relation_id, tag_ref)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX relation_base_tags_tag ON relation_base_tags(tag_ref, relation_id);

      -- Derived from customers.search_terms (the same pairs as JSON), which is how a customer's
      -- rows are found again: no second index, no foreign key, half the B-tree writes on load.
      CREATE TABLE customer_search_terms (
        kind INTEGER NOT NULL,
        term TEXT NOT NULL,
        customer_id INTEGER NOT NULL,
        PRIMARY KEY (kind, term, customer_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
