// What WeCom itself holds, read straight from the demo's simulator with the company's secret
// (the time machine and recycle-bin specs compare it with what the UI promised).
import { demoCompany, type AppInstance } from './fixtures';

export interface SimGroup { group_id: string; group_name: string; tag: { id: string; name: string }[] }

async function call(app: AppInstance, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const { corpid, corpsecret } = demoCompany().credentials;
  const tok = (await (await fetch(`${app.simUrl}/cgi-bin/gettoken?corpid=${corpid}&corpsecret=${encodeURIComponent(corpsecret)}`)).json()) as { access_token: string };
  const res = await fetch(`${app.simUrl}/cgi-bin/${path}${path.includes('?') ? '&' : '?'}access_token=${tok.access_token}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown> & { errcode?: number; errmsg?: string };
  if (json.errcode) throw new Error(`${path}: ${json.errcode} ${json.errmsg}`);
  return json;
}

export async function simCatalog(app: AppInstance): Promise<SimGroup[]> {
  return ((await call(app, 'externalcontact/get_corp_tag_list', {})).tag_group as SimGroup[]).map((g) => ({ ...g, tag: g.tag ?? [] }));
}

export async function simTag(app: AppInstance, groupName: string, tagName: string): Promise<{ id: string; name: string } | null> {
  return (await simCatalog(app)).find((g) => g.group_name === groupName)?.tag.find((t) => t.name === tagName) ?? null;
}

/** Every active member's relations with their enterprise tag ids, keyed `userid|external_userid`. */
export async function simRelations(app: AppInstance): Promise<Map<string, string[]>> {
  const members = demoCompany().staff.filter((s) => !s.resigned).map((s) => s.userid);
  const out = new Map<string, string[]>();
  for (let i = 0; i < members.length; i += 100) {
    let cursor = '';
    do {
      const page = (await call(app, 'externalcontact/batch/get_by_user', { userid_list: members.slice(i, i + 100), cursor, limit: 100 })) as {
        external_contact_list?: { external_contact: { external_userid: string }; follow_info: { userid: string; tag_id?: string[] } }[];
        next_cursor?: string;
      };
      for (const c of page.external_contact_list ?? []) out.set(`${c.follow_info.userid}|${c.external_contact.external_userid}`, c.follow_info.tag_id ?? []);
      cursor = page.next_cursor ?? '';
    } while (cursor);
  }
  return out;
}

export async function simMarkTag(app: AppInstance, userid: string, externalUserid: string, change: { add?: string[]; remove?: string[] }): Promise<void> {
  await call(app, 'externalcontact/mark_tag', { userid, external_userid: externalUserid, ...(change.add ? { add_tag: change.add } : {}), ...(change.remove ? { remove_tag: change.remove } : {}) });
}

/** A device token's team-server call (the admin's API, for changes the test makes "elsewhere"). */
export async function teamCall<T>(app: AppInstance, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${app.teamServerUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const json = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!json.ok) throw new Error(`${method} ${path}: ${res.status} ${json.error?.message}`);
  return json.value;
}
