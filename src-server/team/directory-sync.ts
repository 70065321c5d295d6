// Fills the team server's directory from WeCom (department/list, then user/list per
// department) and assigns Tagdesk roles from configuration for members that have none yet.
// Runs at start and periodically; a member who left WeCom becomes inactive (and is refused).
import type { Directory, Role } from './directory';
import { callOk, type WeComUpstream } from './upstream';

interface WeComDepartment { id: number; name: string; parentid?: number; order?: number }
interface WeComUser { userid: string; name: string; department?: number[]; main_department?: number; status?: number }

export async function syncDirectory(up: WeComUpstream, directory: Directory, roles: Record<string, Role> = {}): Promise<{ departments: number; members: number }> {
  const deps = ((await callOk(up, 'GET', '/cgi-bin/department/list', {})).department as WeComDepartment[] | undefined) ?? [];
  directory.replaceDepartments(deps.map((d) => ({ id: d.id, name: d.name, parentId: d.parentid && d.parentid !== 0 ? d.parentid : null, sort: d.order ?? 0 })));
  const seen = new Map<string, WeComUser>();
  for (const d of deps) {
    const users = ((await callOk(up, 'GET', '/cgi-bin/user/list', { department_id: String(d.id) })).userlist as WeComUser[] | undefined) ?? [];
    for (const u of users) seen.set(u.userid, u);
  }
  const known = new Set(directory.members().map((m) => m.userid));
  directory.upsertMembers([
    ...[...seen.values()].map((u) => ({
      userid: u.userid,
      name: u.name,
      departmentIds: u.department ?? [],
      mainDepartment: u.main_department ?? u.department?.[0] ?? null,
      // WeCom status 1 = active; 2 disabled, 4 not yet activated, 5 left.
      active: u.status === undefined || u.status === 1,
      ...(!known.has(u.userid) && roles[u.userid] ? { role: roles[u.userid] } : {}),
    })),
    // Members no longer listed by WeCom have left: keep them for history, but inactive.
    ...directory.members().filter((m) => !seen.has(m.userid)).map((m) => ({ ...m, active: false })),
  ]);
  return { departments: deps.length, members: seen.size };
}
