// The directory as a self-built app sees it: department/list (official page 90344) and user/list
// (official page 96260). Apps created after 2022-06-20 no longer get mobile, email, gender or avatar,
// so the simulator leaves them out.
import { SimError } from '../errors';
import { queryString, type SimContext, type SimEndpoint } from './types';

function subtree(ctx: SimContext, rootId: number): Set<number> {
  const deps = ctx.rt.company.departments;
  if (!deps.some((d) => d.id === rootId)) throw new SimError(60123);
  const out = new Set([rootId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const d of deps) if (!out.has(d.id) && out.has(d.parentid)) { out.add(d.id); grew = true; }
  }
  return out;
}

function parseDeptId(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new SimError(60123);
  return n;
}

export const directoryEndpoints: SimEndpoint[] = [
  {
    path: 'department/list',
    method: 'GET',
    auth: 'token',
    handle(ctx) {
      const id = ctx.query.get('id');
      const ids = id ? subtree(ctx, parseDeptId(id)) : undefined;
      return {
        department: ctx.rt.company.departments.filter((d) => !ids || ids.has(d.id))
          .map((d) => ({ id: d.id, name: d.name, name_en: d.name_en, department_leader: d.department_leader, parentid: d.parentid, order: d.order })),
      };
    },
  },
  {
    path: 'user/list',
    method: 'GET',
    auth: 'token',
    handle(ctx) {
      const dep = parseDeptId(queryString(ctx, 'department_id'));
      const ids = ctx.query.get('fetch_child') === '1' ? subtree(ctx, dep) : (subtree(ctx, dep), new Set([dep]));
      const leaders = new Map(ctx.rt.company.departments.map((d) => [d.id, d.department_leader]));
      const userlist = [...ctx.rt.state.members.values()].filter((m) => ids.has(m.department)).map((m) => ({
        userid: m.userid,
        name: m.name,
        department: [m.department],
        order: [0],
        position: m.position,
        is_leader_in_dept: [leaders.get(m.department)?.includes(m.userid) ? 1 : 0],
        direct_leader: m.leader ? [m.leader] : [],
        main_department: m.department,
        status: 1,
      }));
      return { userlist };
    },
  },
];
