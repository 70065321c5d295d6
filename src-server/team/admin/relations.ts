// Reads follow relations with their enterprise tags straight from WeCom (batch/get_by_user,
// 100 members and 100 relations a page), for the members an admin or supervisor works on.
// Bulk selection, import checks, export, usage counts and snapshots all start from here, so
// what they see is WeCom's state, not a copy that may lag.
import type { TeamContext } from '../context';
import type { DirectoryMember } from '../directory';
import { callOk } from '../upstream';
import { TeamHttpError } from '../http/respond';

export interface RelationRow {
  userid: string;
  externalUserid: string;
  customerName: string;
  /** Partner company of a type-2 contact, '' for WeChat users. */
  corpName: string;
  tagIds: string[];
  /** When the member added the customer (seconds since the epoch). */
  createtime: number;
}

interface ByUserPage {
  external_contact_list?: {
    external_contact: { external_userid: string; name?: string; corp_name?: string };
    follow_info: { userid: string; tag_id?: string[]; createtime?: number };
  }[];
  next_cursor?: string;
}

/** The members whose relations `viewer` may work on: admins everyone, supervisors their team, staff themselves. */
export function membersInScope(ctx: TeamContext, viewer: string): DirectoryMember[] {
  const me = ctx.directory.member(viewer);
  if (!me?.active) throw new TeamHttpError('forbidden', `member ${viewer} is not active`, '通讯录中没有你的账号或已停用，请联系管理员。');
  return ctx.directory.teamOf(me).filter((m) => m.active);
}

export async function loadRelations(ctx: TeamContext, userids: readonly string[]): Promise<RelationRow[]> {
  const out: RelationRow[] = [];
  for (let i = 0; i < userids.length; i += 100) {
    const chunk = userids.slice(i, i + 100);
    let cursor = '';
    do {
      let page: ByUserPage;
      try {
        page = (await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/batch/get_by_user', {}, { userid_list: chunk, cursor, limit: 100 })) as ByUserPage;
      } catch (e) {
        throw new TeamHttpError('upstream_unavailable', `reading relations from WeCom failed: ${(e as Error).message}`, '暂时无法从企业微信读取客户，请稍后重试。');
      }
      for (const c of page.external_contact_list ?? []) {
        out.push({
          userid: c.follow_info.userid,
          externalUserid: c.external_contact.external_userid,
          customerName: c.external_contact.name ?? '',
          corpName: c.external_contact.corp_name ?? '',
          tagIds: [...(c.follow_info.tag_id ?? [])],
          createtime: c.follow_info.createtime ?? 0,
        });
      }
      cursor = page.next_cursor ?? '';
    } while (cursor);
  }
  return out;
}

/** Relations of every member in `viewer`'s scope. */
export async function relationsInScope(ctx: TeamContext, viewer: string): Promise<RelationRow[]> {
  return loadRelations(ctx, membersInScope(ctx, viewer).map((m) => m.userid));
}

export const relationKey = (userid: string, externalUserid: string): string => `${userid}\u0001${externalUserid}`;
