// Members and departments from WeCom's address book: batch upserts for a load, member names
// for the panel, and a department subtree for supervisors' scopes.
import type { Db } from './database';
import { inTransaction, nowSeconds, prepared } from './sql';

export interface DepartmentInput { id: number; name: string; parentId?: number | null; order?: number }
export interface MemberInput {
  userid: string;
  name: string;
  active?: boolean;
  departments?: ReadonlyArray<{ id: number; isLeader?: boolean }>;
}
export interface Member { userid: string; name: string; active: boolean; departmentIds: number[] }

export function upsertDepartments(db: Db, departments: readonly DepartmentInput[], now = nowSeconds()): void {
  const stmt = prepared(db, `INSERT INTO departments (id, name, parent_id, sort_order, synced_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, parent_id = excluded.parent_id,
      sort_order = excluded.sort_order, synced_at = excluded.synced_at`);
  inTransaction(db, () => {
    for (const d of departments) stmt.run(d.id, d.name, d.parentId ?? null, d.order ?? 0, now);
  });
}

/** Upserts members; a member's department list, when given, replaces the stored one. */
export function upsertMembers(db: Db, members: readonly MemberInput[], now = nowSeconds()): void {
  const up = prepared(db, `INSERT INTO members (userid, name, active, synced_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (userid) DO UPDATE SET name = excluded.name, active = excluded.active, synced_at = excluded.synced_at`);
  const clear = prepared(db, `DELETE FROM member_departments WHERE userid = ?`);
  const link = prepared(db, `INSERT INTO member_departments (userid, department_id, is_leader) VALUES (?, ?, ?)`);
  inTransaction(db, () => {
    for (const m of members) {
      up.run(m.userid, m.name, m.active === false ? 0 : 1, now);
      if (!m.departments) continue;
      clear.run(m.userid);
      for (const d of m.departments) link.run(m.userid, d.id, d.isLeader ? 1 : 0);
    }
  });
}

export function getMember(db: Db, userid: string): Member | undefined {
  const row = prepared<[string], { userid: string; name: string; active: number; dept: string | null }>(db, `
    SELECT m.userid, m.name, m.active,
      (SELECT json_group_array(department_id) FROM member_departments WHERE userid = m.userid) AS dept
    FROM members m WHERE m.userid = ?`).get(userid);
  if (!row) return undefined;
  return { userid: row.userid, name: row.name, active: row.active === 1, departmentIds: JSON.parse(row.dept ?? '[]') as number[] };
}

/** The department and all its descendants (a supervisor's scope). */
export function departmentSubtree(db: Db, rootId: number): number[] {
  return prepared<[number], number>(db, `
    WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT d.id FROM departments d JOIN sub ON d.parent_id = sub.id)
    SELECT id FROM sub`).pluck().all(rootId);
}

/** Members in any of the given departments. */
export function membersInDepartments(db: Db, departmentIds: readonly number[]): string[] {
  return prepared<[string], string>(db, `
    SELECT DISTINCT userid FROM member_departments
    WHERE department_id IN (SELECT value FROM json_each(?)) ORDER BY userid`).pluck().all(JSON.stringify(departmentIds));
}
