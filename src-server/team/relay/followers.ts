// Who follows a customer, so a change is pushed only to the panels that may show it (the
// customer's follow-members and the actor's overseers), not to the whole company. Learned from
// WeCom (externalcontact/get) and cached briefly; relayed reads refresh it for free.
import type { WeComUpstream } from '../upstream';

const TTL_MS = 10 * 60 * 1000;

export function createFollowerIndex(upstream: WeComUpstream, now: () => Date) {
  const cache = new Map<string, { userids: string[]; until: number }>();
  const index = {
    remember(externalUserid: string, userids: string[]): void {
      cache.set(externalUserid, { userids: [...new Set(userids)], until: now().getTime() + TTL_MS });
    },
    async followersOf(externalUserid: string, opts: { fresh?: boolean } = {}): Promise<string[]> {
      const hit = cache.get(externalUserid);
      if (!opts.fresh && hit && hit.until > now().getTime()) return hit.userids;
      const r = await upstream.call('GET', '/cgi-bin/externalcontact/get', { external_userid: externalUserid });
      const follow = (r.follow_user as { userid: string }[] | undefined) ?? [];
      index.remember(externalUserid, follow.map((f) => f.userid));
      return cache.get(externalUserid)!.userids;
    },
  };
  return index;
}

export type FollowerIndex = ReturnType<typeof createFollowerIndex>;
