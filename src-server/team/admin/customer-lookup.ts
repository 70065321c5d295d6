// Finding a customer for the time machine: an admin's own device only holds their own customers,
// so the search runs on the team server over every relation in the caller's scope, matching the
// way the panel does — name, pinyin and initials (surname readings first), company, or a pasted
// id. Relations are read from WeCom and kept for a minute per caller, so typing stays cheap.
import { pinyin } from 'pinyin-pro';
import type { TeamContext } from '../context';
import { relationsInScope } from './relations';

const TTL_MS = 60_000;

export interface CustomerHit {
  externalUserid: string;
  name: string;
  corpName: string;
  /** Members following the customer in the caller's scope. */
  followers: number;
  /** Those members with their names (the time machine shows tags per member). */
  members: { userid: string; name: string }[];
}

interface Entry { hit: CustomerHit; norm: string; full: string[]; initials: string[]; corp: string }

const norm = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/[\s\u00b7·'’\-_.,，。()（）]/gu, '');
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

function spellings(name: string): { full: string[]; initials: string[] } {
  if (!CJK.test(name)) return { full: [], initials: [] };
  const readings = [
    pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'consecutive' }),
    pinyin(name, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' }),
  ];
  return {
    full: [...new Set(readings.map((r) => norm(r.join(''))))],
    initials: [...new Set(readings.map((r) => norm(r.map((p) => p[0] ?? '').join(''))))],
  };
}

export function createCustomerLookup(ctx: TeamContext) {
  const cache = new Map<string, { at: number; entries: Promise<Entry[]> }>();

  async function entries(viewer: string): Promise<Entry[]> {
    const hit = cache.get(viewer);
    if (hit && ctx.now().getTime() - hit.at < TTL_MS) return hit.entries;
    const load = relationsInScope(ctx, viewer).then((rels) => {
      const byCustomer = new Map<string, Entry>();
      for (const r of rels) {
        const e = byCustomer.get(r.externalUserid);
        const member = { userid: r.userid, name: ctx.directory.member(r.userid)?.name ?? r.userid };
        if (e) {
          e.hit.followers++;
          e.hit.members.push(member);
          continue;
        }
        byCustomer.set(r.externalUserid, { hit: { externalUserid: r.externalUserid, name: r.customerName, corpName: r.corpName, followers: 1, members: [member] }, norm: norm(r.customerName), ...spellings(r.customerName), corp: norm(r.corpName) });
      }
      return [...byCustomer.values()];
    });
    cache.set(viewer, { at: ctx.now().getTime(), entries: load });
    load.catch(() => cache.delete(viewer));
    return load;
  }

  return {
    /** The names of these customers among the viewer's scope (unknown ids are left out). */
    async names(viewer: string, ids: readonly string[]): Promise<Record<string, string>> {
      const wanted = new Set(ids);
      const out: Record<string, string> = {};
      for (const e of await entries(viewer)) if (wanted.has(e.hit.externalUserid) && e.hit.name) out[e.hit.externalUserid] = e.hit.name;
      return out;
    },

    async search(viewer: string, query: string, limit: number): Promise<{ hits: CustomerHit[]; total: number }> {
      const q = norm(query);
      if (!q) return { hits: [], total: 0 };
      const ranked: { e: Entry; tier: number }[] = [];
      for (const e of await entries(viewer)) {
        const tier =
          e.hit.externalUserid === query.trim() ? 0
            : e.norm === q ? 1
              : e.norm.startsWith(q) ? 2
                : e.initials.some((s) => s.startsWith(q)) ? 3
                  : e.full.some((s) => s.startsWith(q)) ? 4
                    : e.norm.includes(q) ? 5
                      : e.corp.includes(q) ? 6
                        : -1;
        if (tier >= 0) ranked.push({ e, tier });
      }
      ranked.sort((a, b) => a.tier - b.tier || a.e.norm.length - b.e.norm.length || a.e.hit.name.localeCompare(b.e.hit.name, 'zh-CN'));
      return { hits: ranked.slice(0, limit).map((r) => r.e.hit), total: ranked.length };
    },
  };
}

const lookups = new WeakMap<TeamContext, ReturnType<typeof createCustomerLookup>>();

/** One lookup per team server, so its per-viewer minute cache is shared by every route. */
export function customerLookupOf(ctx: TeamContext): ReturnType<typeof createCustomerLookup> {
  let l = lookups.get(ctx);
  if (!l) lookups.set(ctx, (l = createCustomerLookup(ctx)));
  return l;
}
