// The WeCom endpoints the relay forwards, one entry each: how to authorise the call for the
// caller, and what to do after WeCom accepted it (audit, push to colleagues). Anything not
// listed is refused — the relay is not an open proxy for the company's token.
import type { Caller, Governance, Refusal } from './governance';
import type { TeamContext } from '../context';
import type { WeComJson } from '../upstream';
import type { CatalogCache } from './catalog-cache';
import type { FollowerIndex } from './followers';
import { msgTemplateRelayEndpoint } from '../mute/mass-messages';
import { catalogRelayEndpoints } from './catalog-endpoints';

export interface RelayCall {
  caller: Caller;
  method: 'GET' | 'POST';
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
}

export interface RelayDeps {
  ctx: TeamContext;
  governance: Governance;
  catalog: CatalogCache;
  followers: FollowerIndex;
}

export interface RelayEndpoint {
  path: string;
  method: 'GET' | 'POST';
  write: boolean;
  /** Returns a refusal, or null to forward. May be async (e.g. to refresh the catalog). */
  authorize(deps: RelayDeps, call: RelayCall): Promise<Refusal | null> | Refusal | null;
  /** Shapes WeCom's answer for the caller (e.g. hides tag groups they may not see). */
  filter?(deps: RelayDeps, call: RelayCall, response: WeComJson): WeComJson | Promise<WeComJson>;
  /** After WeCom accepted the call: audit and notify (writes), learn followers (reads). */
  after?(deps: RelayDeps, call: RelayCall, response: WeComJson): Promise<void> | void;
}

/** Records a relayed write in the server's audit chain, one event per tag (both names when on behalf). */
async function auditWrite({ ctx, catalog }: RelayDeps, call: RelayCall): Promise<void> {
  const userid = str(call.body.userid);
  const customer = str(call.body.external_userid);
  const actor = call.caller.userid;
  const onBehalf = userid !== actor ? { onBehalfOf: userid } : {};
  if (call.path.endsWith('/mark_tag')) {
    const adds = strList(call.body.add_tag);
    const removes = strList(call.body.remove_tag);
    const refs = await catalog.resolve([...adds, ...removes]);
    ctx.db.transaction(() => {
      for (const [action, ids] of [['tag.add', adds], ['tag.remove', removes]] as const) {
        for (const tagId of ids) {
          const ref = refs.get(tagId);
          const value = { tagName: ref?.tagName ?? null, groupName: ref?.groupName ?? null };
          ctx.audit.append({
            actor, ...onBehalf, source: 'relay', action, target: { kind: 'relationTag', member: userid, customer, tagId },
            before: action === 'tag.add' ? null : value, after: action === 'tag.add' ? value : null,
          });
        }
      }
    })();
  } else {
    ctx.audit.append({
      actor, ...onBehalf, source: 'relay', action: 'relation.remark', target: { kind: 'relation', member: userid, customer },
      before: null,
      after: { remark: typeof call.body.remark === 'string' ? call.body.remark : null, description: typeof call.body.description === 'string' ? call.body.description : null },
    });
  }
}

/** Tells the customer's follow-members and the actor's overseers that the relation changed. */
async function announceChange({ ctx, followers }: RelayDeps, call: RelayCall, source: string): Promise<void> {
  const externalUserid = str(call.body.external_userid);
  const userid = str(call.body.userid);
  let audience: string[];
  try {
    audience = await followers.followersOf(externalUserid);
  } catch {
    audience = [userid];
  }
  audience = [...new Set([...audience, userid, call.caller.userid, ...ctx.directory.overseersOf(userid)])];
  ctx.events.publish({ kind: 'customer.tags.changed', externalUserid, userid, source }, audience);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const firstRefusal = (list: (Refusal | null)[]): Refusal | null => list.find((r) => r !== null) ?? null;

async function authorizeMarkTag({ governance, catalog }: RelayDeps, call: RelayCall): Promise<Refusal | null> {
  const userid = str(call.body.userid);
  const externalUserid = str(call.body.external_userid);
  const adds = strList(call.body.add_tag);
  const removes = strList(call.body.remove_tag);
  const scope = governance.actOnRelation(call.caller, userid);
  if (scope) return scope;
  const refs = await catalog.resolve([...adds, ...removes]);
  // Unknown ids are left for WeCom to answer (40068), exactly as it would without the relay.
  return firstRefusal([
    ...adds.map((id) => (refs.get(id) ? governance.applyTag(call.caller, userid, externalUserid, refs.get(id)!, 'add') : null)),
    ...removes.map((id) => (refs.get(id) ? governance.applyTag(call.caller, userid, externalUserid, refs.get(id)!, 'remove') : null)),
  ]);
}

/** After a relayed write WeCom accepted: into the audit chain, then to the panels that show it. */
async function auditAndAnnounce(deps: RelayDeps, call: RelayCall): Promise<void> {
  await auditWrite(deps, call);
  await announceChange(deps, call, 'relay');
}

export const relayEndpoints: readonly RelayEndpoint[] = [
  {
    path: '/cgi-bin/externalcontact/get_corp_tag_list',
    method: 'POST',
    write: false,
    authorize: () => null,
    filter({ governance }, call, response) {
      const visible = governance.visibleGroups(call.caller);
      if (!visible || !Array.isArray(response.tag_group)) return response;
      return { ...response, tag_group: (response.tag_group as { group_id: string }[]).filter((g) => visible(g.group_id)) };
    },
  },
  {
    path: '/cgi-bin/externalcontact/list',
    method: 'GET',
    write: false,
    authorize: ({ governance }, call) => governance.readRelations(call.caller, call.query.userid ?? ''),
  },
  {
    path: '/cgi-bin/externalcontact/get',
    method: 'GET',
    write: false,
    after({ followers }, call, response) {
      const follow = (response.follow_user as { userid: string }[] | undefined) ?? [];
      followers.remember(call.query.external_userid ?? '', follow.map((f) => f.userid));
    },
    // Any member may look up a customer by id; tags of groups they may not see are hidden.
    authorize: () => null,
    async filter({ governance, catalog }, call, response) {
      const visible = governance.visibleGroups(call.caller);
      if (!visible || !Array.isArray(response.follow_user)) return response;
      type Tag = { group_id?: string; tag_id?: string; type?: number };
      const follows = response.follow_user as { tags?: Tag[] }[];
      // WeCom's externalcontact/get names a tag's group by name only: the group id comes from
      // the catalog copy (refreshed once when an id is unknown).
      const ids = follows.flatMap((f) => (f.tags ?? []).filter((t) => t.type === 1 && !t.group_id && t.tag_id).map((t) => t.tag_id!));
      const refs = ids.length ? await catalog.resolve([...new Set(ids)]) : new Map<string, { groupId: string }>();
      const groupOf = (t: Tag): string | undefined => t.group_id ?? (t.tag_id ? refs.get(t.tag_id)?.groupId : undefined);
      return {
        ...response,
        follow_user: follows.map((f) => ({
          ...f,
          tags: (f.tags ?? []).filter((t) => {
            if (t.type !== 1) return true;
            const g = groupOf(t);
            return g !== undefined && visible(g);
          }),
        })),
      };
    },
  },
  {
    path: '/cgi-bin/externalcontact/batch/get_by_user',
    method: 'POST',
    write: false,
    authorize: ({ governance }, call) => firstRefusal(strList(call.body.userid_list).map((u) => governance.readRelations(call.caller, u))),
  },
  {
    path: '/cgi-bin/externalcontact/mark_tag',
    method: 'POST',
    write: true,
    authorize: authorizeMarkTag,
    after: auditAndAnnounce,
  },
  {
    path: '/cgi-bin/externalcontact/remark',
    method: 'POST',
    write: true,
    authorize: ({ governance }, call) =>
      firstRefusal([
        governance.actOnRelation(call.caller, str(call.body.userid)),
        governance.checkText(call.caller, 'remark', str(call.body.remark)),
        governance.checkText(call.caller, 'description', str(call.body.description)),
      ]),
    after: auditAndAnnounce,
  },
  {
    path: '/cgi-bin/department/list',
    method: 'GET',
    write: false,
    authorize: () => null,
  },
  {
    path: '/cgi-bin/user/list',
    method: 'GET',
    write: false,
    authorize: () => null,
  },
  msgTemplateRelayEndpoint,
  ...catalogRelayEndpoints,
];
