// The company directory as the team server knows it: departments from WeCom, members from
// WeCom with their Tagdesk role (a Tagdesk concept WeCom does not have, set by an admin or,
// in the demo, by the seed). Supervisors see their department subtree.
import type { TeamDb } from './store/database';
import { buildDepartmentTree, type DepartmentTree } from '../../src-shared/domain/index';

export type Role = 'sales' | 'service' | 'supervisor' | 'admin';

export interface DirectoryMember {
  userid: string;
  name: string;
  departmentIds: number[];
  mainDepartment: number | null;
  role: Role;
  active: boolean;
}

export interface DirectoryDepartment {
  id: number;
  name: string;
  parentId: number | null;
  sort: number;
}

interface MemberRow {
  userid: string;
  name: string;
  department_ids: string;
  main_department: number | null;
  role: Role;
  active: number;
}

const toMember = (r: MemberRow): DirectoryMember => ({
  userid: r.userid,
  name: r.name,
  departmentIds: JSON.parse(r.department_ids) as number[],
  mainDepartment: r.main_department,
  role: r.role,
  active: r.active === 1,
});

export function createDirectory(db: TeamDb) {
  const getMember = db.prepare(`SELECT * FROM members WHERE userid = ?`);
  const allMembers = db.prepare(`SELECT * FROM members ORDER BY userid`);
  const allDepartments = db.prepare(`SELECT id, name, parent_id AS parentId, sort FROM departments ORDER BY sort, id`);

  let version = 0;
  let cachedTree: { version: number; tree: DepartmentTree } | null = null;
  /** The core's department tree for the current directory, rebuilt when it changes. */
  const tree = (): DepartmentTree => {
    if (cachedTree?.version !== version) {
      const departments = (allDepartments.all() as DirectoryDepartment[]).map((d) => ({ id: d.id, name: d.name, parentId: d.parentId ?? 0 }));
      cachedTree = { version, tree: buildDepartmentTree(departments) };
    }
    return cachedTree.tree;
  };
  const directory = {
    /** Increases with every change, so derived data (the permission engine) knows to rebuild. */
    version: (): number => version,

    replaceDepartments(list: DirectoryDepartment[]): void {
      version++;
      db.transaction(() => {
        db.prepare(`DELETE FROM departments`).run();
        const ins = db.prepare(`INSERT INTO departments (id, name, parent_id, sort) VALUES (?, ?, ?, ?)`);
        for (const d of list) ins.run(d.id, d.name, d.parentId, d.sort);
      })();
    },

    /** Upserts members from WeCom; keeps an existing role unless one is given. */
    upsertMembers(list: (Omit<DirectoryMember, 'role' | 'active'> & { role?: Role; active?: boolean })[]): void {
      const up = db.prepare(`
        INSERT INTO members (userid, name, department_ids, main_department, role, active) VALUES (@userid, @name, @departmentIds, @mainDepartment, COALESCE(@role, 'sales'), @active)
        ON CONFLICT (userid) DO UPDATE SET name = excluded.name, department_ids = excluded.department_ids,
          main_department = excluded.main_department, active = excluded.active,
          role = COALESCE(@role, members.role)`);
      version++;
      db.transaction(() => {
        for (const m of list) {
          up.run({ userid: m.userid, name: m.name, departmentIds: JSON.stringify(m.departmentIds), mainDepartment: m.mainDepartment, role: m.role ?? null, active: m.active === false ? 0 : 1 });
        }
      })();
    },

    setRole(userid: string, role: Role): boolean {
      version++;
      return db.prepare(`UPDATE members SET role = ? WHERE userid = ?`).run(role, userid).changes > 0;
    },

    member(userid: string): DirectoryMember | null {
      const r = getMember.get(userid) as MemberRow | undefined;
      return r ? toMember(r) : null;
    },

    members(): DirectoryMember[] {
      return (allMembers.all() as MemberRow[]).map(toMember);
    },

    departments(): DirectoryDepartment[] {
      return allDepartments.all() as DirectoryDepartment[];
    },

    /** The members a supervisor oversees (their department subtrees); an admin oversees everyone. */
    teamOf(supervisor: DirectoryMember): DirectoryMember[] {
      if (supervisor.role === 'admin') return directory.members();
      if (supervisor.role !== 'supervisor') return [supervisor];
      const t = tree();
      return directory.members().filter((m) => m.departmentIds.some((d) => supervisor.departmentIds.some((root) => t.isInSubtree(d, root))));
    },

    /**
     * Userids of the active supervisors and admins who oversee `userid`: admins, and supervisors
     * of any department on the way from the member's departments up to the root.
     */
    overseersOf(userid: string): string[] {
      const target = directory.member(userid);
      if (!target) return [];
      const t = tree();
      const above = new Set(target.departmentIds.flatMap((d) => t.ancestorsOrSelf(d)));
      return directory
        .members()
        .filter((m) => m.active && (m.role === 'admin' || (m.role === 'supervisor' && m.departmentIds.some((d) => above.has(d)))))
        .map((m) => m.userid);
    },

    departmentName(id: number | null): string {
      if (id === null) return '';
      return directory.departments().find((d) => d.id === id)?.name ?? '';
    },
  };
  return directory;
}

export type Directory = ReturnType<typeof createDirectory>;
