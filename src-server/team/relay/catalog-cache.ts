// The team server's copy of WeCom's tag catalog, so the relay can name the group and tag
// behind a tag id when it checks policy. Refreshed from WeCom when an unknown id shows up
// (at most once per interval, single-flight) and whenever the catalog changes.
import type { TagRef } from './governance';
import { callOk, type WeComUpstream } from '../upstream';

interface WeComTagGroup {
  group_id: string;
  group_name: string;
  tag?: { id: string; name: string; deleted?: boolean }[];
}

export function createCatalogCache(upstream: WeComUpstream, now: () => Date, minRefreshMs = 5000) {
  let byTag = new Map<string, TagRef>();
  let groups: WeComTagGroup[] = [];
  let lastRefresh = -Infinity;
  let inflight: Promise<void> | null = null;

  const cache = {
    async refresh(): Promise<void> {
      inflight ??= (async () => {
        try {
          const r = await callOk(upstream, 'POST', '/cgi-bin/externalcontact/get_corp_tag_list', {}, {});
          groups = (r.tag_group as WeComTagGroup[] | undefined) ?? [];
          const next = new Map<string, TagRef>();
          for (const g of groups) for (const t of g.tag ?? []) if (!t.deleted) next.set(t.id, { tagId: t.id, tagName: t.name, groupId: g.group_id, groupName: g.group_name });
          byTag = next;
          lastRefresh = now().getTime();
        } finally {
          inflight = null;
        }
      })();
      return inflight;
    },

    /** Looks tag ids up, refreshing once if any is unknown and the copy is not brand new. */
    async resolve(ids: string[]): Promise<Map<string, TagRef>> {
      if (ids.some((id) => !byTag.has(id)) && now().getTime() - lastRefresh >= minRefreshMs) await cache.refresh();
      const out = new Map<string, TagRef>();
      for (const id of ids) {
        const ref = byTag.get(id);
        if (ref) out.set(id, ref);
      }
      return out;
    },

    groupIdOf(tagId: string): string | undefined {
      return byTag.get(tagId)?.groupId;
    },

    groups: (): readonly WeComTagGroup[] => groups,
    invalidate(): void {
      lastRefresh = -Infinity;
    },
  };
  return cache;
}

export type CatalogCache = ReturnType<typeof createCatalogCache>;
