// The company as Tagdesk sees it: roles, the department tree and its members. WeCom owns the
// directory (numeric department ids, string userids); Tagdesk adds the role of each member.
// The tree helpers here are what permission inheritance and supervisor scope are built on.

export const ROLES = ['sales', 'service', 'supervisor', 'admin'] as const;
/** 销售 / 客服 / 主管 / 管理员 — Tagdesk's role, not a WeCom field. */
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  sales: '销售',
  service: '客服',
  supervisor: '主管',
  admin: '管理员',
};

/** WeCom's department id; 1 is the company root. */
export type DepartmentId = number;
/** WeCom's member userid. */
export type MemberId = string;

export interface Department {
  id: DepartmentId;
  name: string;
  /** 0 for the root. */
  parentId: DepartmentId;
}

export interface Member {
  id: MemberId;
  name: string;
  role: Role;
  /** WeCom allows a member in several departments; the first is the main one. */
  departmentIds: readonly DepartmentId[];
}

/** The department tree with the lookups the permission engine needs, built once per directory. */
export interface DepartmentTree {
  get(id: DepartmentId): Department | undefined;
  /** The department itself, then its parent, up to the root (unknown ids yield just themselves). */
  ancestorsOrSelf(id: DepartmentId): readonly DepartmentId[];
  /** True when `id` is `root` or lies below it. */
  isInSubtree(id: DepartmentId, root: DepartmentId): boolean;
}

export function buildDepartmentTree(departments: readonly Department[]): DepartmentTree {
  const byId = new Map(departments.map((d) => [d.id, d]));
  const chains = new Map<DepartmentId, DepartmentId[]>();
  const ancestorsOrSelf = (id: DepartmentId): DepartmentId[] => {
    const cached = chains.get(id);
    if (cached) return cached;
    const chain: DepartmentId[] = [];
    const seen = new Set<DepartmentId>();
    // A cycle in a corrupt directory must not hang the engine: stop at the first repeat.
    for (let cur: DepartmentId | undefined = id; cur !== undefined && !seen.has(cur); ) {
      chain.push(cur);
      seen.add(cur);
      const parent: DepartmentId | undefined = byId.get(cur)?.parentId;
      cur = parent !== undefined && parent !== 0 ? parent : undefined;
    }
    chains.set(id, chain);
    return chain;
  };
  return {
    get: (id) => byId.get(id),
    ancestorsOrSelf,
    isInSubtree: (id, root) => ancestorsOrSelf(id).includes(root),
  };
}
