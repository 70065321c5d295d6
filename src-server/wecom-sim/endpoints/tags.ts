// Enterprise tag catalog (DOC 92117): list with deleted-flag rules, add (merging by group name,
// unique names, no empty groups, corp cap), edit and delete — an app edits only tags it created.
// API writes produce no callbacks (DOC 92130).
import { SimError } from '../errors';
import type { SimGroup, SimTag } from '../state';
import { charLen, optInt, optString, optStringArray, reqString, type SimContext, type SimEndpoint } from './types';

const tagJson = (t: SimTag, withDeleted: boolean) => ({
  id: t.id, name: t.name, create_time: t.create_time, order: t.order, ...(withDeleted ? { deleted: t.deleted } : {}),
});
const groupHead = (g: SimGroup) => ({ group_id: g.group_id, group_name: g.group_name, create_time: g.create_time, order: g.order });

function checkName(ctx: SimContext, name: string): void {
  const n = charLen(name.trim());
  if (n === 0 || n > ctx.rt.limits.tagNameMaxChars) throw new SimError(40072, `invalid tag name length: at most ${ctx.rt.limits.tagNameMaxChars} characters`);
}

/** Editing or deleting what the admin console created answers 60011 (the errcode is undocumented; see docs/wecom.md). */
function requireOwned(origin: string, id: string): void {
  if (origin !== 'app') throw new SimError(60011, `no privilege to modify tag ${id}: created in the admin console`);
}

export const tagEndpoints: SimEndpoint[] = [
  {
    path: 'externalcontact/get_corp_tag_list',
    method: 'POST',
    auth: 'token',
    read: true,
    handle(ctx) {
      const st = ctx.rt.state;
      const tagIds = optStringArray(ctx.body, 'tag_id') ?? [];
      const groupIds = optStringArray(ctx.body, 'group_id') ?? [];
      if (groupIds.length > 0) {
        // With both given, tag_id is ignored; deleted flags appear on tags only.
        const out = groupIds.map((id) => st.groups.get(id)).filter((g): g is SimGroup => g !== undefined)
          .map((g) => ({ ...groupHead(g), tag: g.tagIds.map((id) => tagJson(st.tags.get(id)!, true)) }));
        return { tag_group: out };
      }
      if (tagIds.length > 0) {
        const byGroup = new Map<string, SimTag[]>();
        for (const id of tagIds) {
          const t = st.tags.get(id);
          if (!t) continue;
          const list = byGroup.get(t.groupId) ?? [];
          if (!list.includes(t)) list.push(t);
          byGroup.set(t.groupId, list);
        }
        return {
          tag_group: [...byGroup].map(([gid, ts]) => {
            const g = st.groups.get(gid)!;
            return { ...groupHead(g), deleted: g.deleted, tag: ts.map((t) => tagJson(t, true)) };
          }),
        };
      }
      const out = [...st.groups.values()].filter((g) => !g.deleted)
        .map((g) => ({ ...groupHead(g), tag: st.activeTagsOf(g).map((t) => tagJson(t, false)) }));
      return { tag_group: out };
    },
  },
  {
    path: 'externalcontact/add_corp_tag',
    method: 'POST',
    auth: 'token',
    writeKeys: () => ['corp-tag-catalog'],
    handle(ctx) {
      const st = ctx.rt.state;
      const groupId = optString(ctx.body, 'group_id');
      const groupName = optString(ctx.body, 'group_name');
      const groupOrder = optInt(ctx.body, 'order') ?? 0;
      const rawTags = ctx.body.tag;
      if (!Array.isArray(rawTags) || rawTags.length === 0) throw new SimError(41018, 'tag name missing: empty groups cannot be created');
      const wanted: { name: string; order: number }[] = [];
      for (const raw of rawTags as unknown[]) {
        if (typeof raw !== 'object' || raw === null) throw new SimError(40058, 'invalid parameter: tag');
        const name = optString(raw as Record<string, unknown>, 'name', { required: true, missingCode: 41018 });
        checkName(ctx, name!);
        const order = optInt(raw as Record<string, unknown>, 'order') ?? 0;
        if (!wanted.some((w) => w.name === name)) wanted.push({ name: name!, order });
      }
      let group: SimGroup | undefined;
      if (groupId) {
        group = st.groups.get(groupId);
        if (!group || group.deleted) throw new SimError(40068, `invalid tagid: ${groupId}`);
      } else {
        if (groupName === undefined) throw new SimError(40063, 'group_id or group_name missing');
        checkName(ctx, groupName);
        group = st.groupByName(groupName);
      }
      const existing = group ? st.activeTagsOf(group) : [];
      const clash = wanted.find((w) => existing.some((t) => t.name === w.name));
      if (clash) throw new SimError(40071, `invalid tag name, tag name already exists: ${clash.name}`);
      if (st.activeTagCount + wanted.length > ctx.rt.limits.corpTagLimit) throw new SimError(40126);
      group ??= st.createGroup(groupName!, groupOrder, 'app', ctx.nowSec);
      const created = wanted.map((w) => st.createTag(group, w.name, w.order, 'app', ctx.nowSec));
      return { tag_group: { ...groupHead(group), tag: created.map((t) => tagJson(t, false)) } };
    },
  },
  {
    path: 'externalcontact/edit_corp_tag',
    method: 'POST',
    auth: 'token',
    lateApplicable: true,
    writeKeys: (ctx) => [`tag|${String(ctx.body.id)}`],
    handle(ctx) {
      const st = ctx.rt.state;
      const id = reqString(ctx.body, 'id', 41017);
      const name = optString(ctx.body, 'name');
      const order = optInt(ctx.body, 'order');
      if (name !== undefined) checkName(ctx, name);
      const group = st.groups.get(id);
      if (group && !group.deleted) {
        requireOwned(group.origin, id);
        if (name !== undefined && name !== group.group_name && st.groupByName(name)) throw new SimError(40071, `invalid tag name, group name already exists: ${name}`);
        if (name !== undefined) group.group_name = name;
        if (order !== undefined) group.order = order;
        return {};
      }
      const tag = st.activeTag(id);
      if (!tag) throw new SimError(40068, `invalid tagid: ${id}`);
      requireOwned(tag.origin, id);
      const g = st.groups.get(tag.groupId)!;
      if (name !== undefined && name !== tag.name && st.activeTagsOf(g).some((t) => t.name === name)) throw new SimError(40071, `invalid tag name, tag name already exists: ${name}`);
      if (name !== undefined) tag.name = name;
      if (order !== undefined) tag.order = order;
      return {};
    },
  },
  {
    path: 'externalcontact/del_corp_tag',
    method: 'POST',
    auth: 'token',
    lateApplicable: true,
    writeKeys: () => ['corp-tag-catalog'],
    handle(ctx) {
      const st = ctx.rt.state;
      const tagIds = optStringArray(ctx.body, 'tag_id') ?? [];
      const groupIds = optStringArray(ctx.body, 'group_id') ?? [];
      if (tagIds.length === 0 && groupIds.length === 0) throw new SimError(41017, 'tagid missing: tag_id and group_id must not both be empty');
      // Check everything first so a refused call changes nothing.
      for (const id of groupIds) {
        const g = st.groups.get(id);
        if (!g || g.deleted) throw new SimError(40068, `invalid tagid: ${id}`);
        requireOwned(g.origin, id);
      }
      for (const id of tagIds) {
        const t = st.activeTag(id);
        if (!t) throw new SimError(40068, `invalid tagid: ${id}`);
        requireOwned(t.origin, id);
      }
      for (const id of groupIds) st.deleteGroup(st.groups.get(id)!);
      for (const id of tagIds) st.deleteTag(id);
      return {};
    },
  },
];
