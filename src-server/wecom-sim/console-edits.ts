// Changes made outside the API — by an admin in the WeCom console or by a colleague in the
// WeCom client. Unlike API writes these do produce callbacks (DOC 92130), so the sync engine's
// event path can be exercised. Used by the fault-injection routes.
import { SimError } from './errors';
import type { SimRuntime } from './runtime';

const nowSec = (rt: SimRuntime) => Math.floor(rt.nowMs() / 1000);

export function consoleAddTags(rt: SimRuntime, groupName: string, names: string[]): { group_id: string; tag_ids: string[] } {
  const st = rt.state;
  let g = st.groupByName(groupName);
  const created = !g;
  g ??= st.createGroup(groupName, 0, 'admin_console', nowSec(rt));
  const ids = names.filter((n) => !st.activeTagsOf(g).some((t) => t.name === n)).map((n) => st.createTag(g, n, 0, 'admin_console', nowSec(rt)).id);
  // A group created with several tags gives one callback per item, without MsgId (WxJava#2314).
  if (created) rt.callbacks?.emit({ Event: 'change_external_tag', ChangeType: 'create', Id: g.group_id, TagType: 'tag_group' });
  for (const id of ids) rt.callbacks?.emit({ Event: 'change_external_tag', ChangeType: 'create', Id: id, TagType: 'tag' });
  return { group_id: g.group_id, tag_ids: ids };
}

export function consoleEditTag(rt: SimRuntime, id: string, name?: string, order?: number): void {
  const st = rt.state;
  const g = st.groups.get(id);
  if (g && !g.deleted) {
    if (name !== undefined) g.group_name = name;
    if (order !== undefined) g.order = order;
    rt.callbacks?.emit({ Event: 'change_external_tag', ChangeType: 'update', Id: id, TagType: 'tag_group' });
    return;
  }
  const t = st.activeTag(id);
  if (!t) throw new SimError(40068, `invalid tagid: ${id}`);
  if (name !== undefined) t.name = name;
  if (order !== undefined) t.order = order;
  rt.callbacks?.emit({ Event: 'change_external_tag', ChangeType: 'update', Id: id, TagType: 'tag' });
}

/** Deletes a tag or a whole group; a group gives one callback and none for its tags. */
export function consoleDeleteTag(rt: SimRuntime, id: string): void {
  const st = rt.state;
  const g = st.groups.get(id);
  if (g && !g.deleted) {
    st.deleteGroup(g);
    rt.callbacks?.emit({ Event: 'change_external_tag', ChangeType: 'delete', Id: id, TagType: 'tag_group' });
    return;
  }
  if (!st.activeTag(id)) throw new SimError(40068, `invalid tagid: ${id}`);
  const emptied = st.deleteTag(id);
  rt.callbacks?.emit({ Event: 'change_external_tag', ChangeType: 'delete', Id: id, TagType: 'tag' });
  if (emptied) rt.callbacks?.emit({ Event: 'change_external_tag', ChangeType: 'delete', Id: emptied.group_id, TagType: 'tag_group' });
}

/** An admin reorders tags; an empty Id means all groups were reordered. */
export function consoleShuffle(rt: SimRuntime, groupId?: string): void {
  const st = rt.state;
  const groups = groupId ? [st.groups.get(groupId)].filter((g) => g !== undefined) : [...st.groups.values()];
  for (const g of groups) {
    const tags = st.activeTagsOf(g);
    tags.forEach((t, i) => { t.order = (tags.length - i) * 10 + st.rng.int(0, 9); });
  }
  rt.callbacks?.emit({ Event: 'change_external_tag', ChangeType: 'shuffle', Id: groupId ?? '' });
}

/**
 * The group's tags are deleted and re-created under the same names with new ids (as when an
 * admin rebuilds a group). Relations move to the new ids unless `keepAssignments` is false.
 * Returns old id → new id.
 */
export function consoleReassignTagIds(rt: SimRuntime, groupId: string, keepAssignments = true): Record<string, string> {
  const st = rt.state;
  const g = st.groups.get(groupId);
  if (!g || g.deleted) throw new SimError(40068, `invalid tagid: ${groupId}`);
  const old = st.activeTagsOf(g);
  const map: Record<string, string> = {};
  for (const t of old) {
    const fresh = st.createTag(g, t.name, t.order, t.origin, nowSec(rt));
    map[t.id] = fresh.id;
  }
  for (const t of old) { t.deleted = true; st.activeTagCount--; }
  if (keepAssignments) {
    for (const r of st.relations.values()) {
      if (r.tag_ids.some((id) => map[id])) r.tag_ids = r.tag_ids.map((id) => map[id] ?? id);
    }
  }
  for (const t of old) rt.callbacks?.emit({ Event: 'change_external_tag', ChangeType: 'delete', Id: t.id, TagType: 'tag' });
  for (const id of Object.values(map)) rt.callbacks?.emit({ Event: 'change_external_tag', ChangeType: 'create', Id: id, TagType: 'tag' });
  return map;
}

/** A colleague changes a relation in the WeCom client: tags and/or remark; one edit_external_contact event. */
export function colleagueEdit(rt: SimRuntime, edit: { userid: string; external_userid: string; add_tag?: string[]; remove_tag?: string[]; remark?: string; description?: string }): void {
  const r = rt.state.relation(edit.userid, edit.external_userid);
  if (!r) throw new SimError(84061);
  const bad = (edit.add_tag ?? []).find((id) => !rt.state.activeTag(id));
  if (bad) throw new SimError(40068, `invalid tagid: ${bad}`);
  const next = new Set(r.tag_ids.filter((id) => !(edit.remove_tag ?? []).includes(id)));
  for (const id of edit.add_tag ?? []) next.add(id);
  r.tag_ids = [...next];
  if (edit.remark !== undefined) r.remark = edit.remark;
  if (edit.description !== undefined) r.description = edit.description;
  rt.callbacks?.emit({ Event: 'change_external_contact', ChangeType: 'edit_external_contact', UserID: edit.userid, ExternalUserID: edit.external_userid });
}

/**
 * A customer scans a channel code (「联系我」) and adds a member: a new WeChat customer and
 * follow relation (add_way 1 = scanned a QR code, `state` from the code), then WeCom's
 * add_external_contact callback carrying State. Multi-member codes pick members in turn.
 */
export function customerAddsViaContactWay(rt: SimRuntime, configId: string, name?: string): { external_userid: string; userid: string } {
  const way = rt.contactWays.get(configId);
  if (!way) throw new SimError(40058, `invalid parameter: config_id ${configId} does not exist`);
  const st = rt.state;
  const candidates = way.user.length > 0 ? way.user
    : [...st.members.values()].filter((m) => way.party.includes(m.department)).map((m) => m.userid);
  if (candidates.length === 0) throw new SimError(40058, 'invalid parameter: the code has no member to add');
  const userid = candidates[way.next % candidates.length]!;
  way.next++;
  const external = st.newId('wm', 32);
  st.customers.set(external, { external_userid: external, name: name ?? `扫码客户${st.customers.size + 1}`, type: 1, gender: 0, avatar: '' });
  st.addRelation({
    userid, external_userid: external, remark: '', description: '', createtime: nowSec(rt), tag_ids: [], remark_mobiles: [], add_way: 1, oper_userid: external,
    ...(way.state ? { state: way.state } : {}),
  });
  rt.callbacks?.emit({
    Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: userid, ExternalUserID: external,
    ...(way.state ? { State: way.state } : {}), WelcomeCode: st.newId('', 43),
  });
  return { external_userid: external, userid };
}

