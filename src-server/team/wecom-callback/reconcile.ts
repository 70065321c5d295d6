// WeCom drops callbacks now and then, so the team server also looks for itself: each tick it
// compares the tag catalog with the last one it saw, and re-reads one member's follow
// relations (round-robin) against stored digests. Differences are pushed exactly like
// callbacks; the first sight of a relation only records it.
import { createHash } from 'node:crypto';
import type { TeamContext } from '../context';
import type { CatalogCache } from '../relay/catalog-cache';
import type { FollowerIndex } from '../relay/followers';
import { callOk } from '../upstream';

interface ByUserPage {
  external_contact_list?: { external_contact: { external_userid: string }; follow_info: { userid: string; tag_id?: string[] } }[];
  next_cursor?: string;
}

/** The digest of a relation's sorted tag ids (or the catalog) as the reconciler stores it; the doctor compares with it. */
export const digestOf = (parts: readonly string[]): string => createHash('sha256').update(parts.join('\u0001')).digest('hex').slice(0, 32);

export function createReconciler(ctx: TeamContext, catalog: CatalogCache, followers: FollowerIndex) {
  const getMeta = ctx.db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck();
  const setMeta = ctx.db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const digestsOf = ctx.db.prepare(`SELECT external_userid, digest FROM relation_digests WHERE userid = ?`);
  const putDigest = ctx.db.prepare(`INSERT INTO relation_digests (userid, external_userid, digest) VALUES (?, ?, ?) ON CONFLICT (userid, external_userid) DO UPDATE SET digest = excluded.digest`);
  const dropDigest = ctx.db.prepare(`DELETE FROM relation_digests WHERE userid = ? AND external_userid = ?`);

  async function announce(userid: string, externalUserid: string): Promise<void> {
    const audience = await followers.followersOf(externalUserid, { fresh: true }).catch(() => [] as string[]);
    ctx.events.publish({ kind: 'customer.tags.changed', externalUserid, userid, source: 'wecom' }, [...new Set([...audience, userid, ...ctx.directory.overseersOf(userid)])]);
  }

  const reconciler = {
    /** Compares the catalog with the last one seen; returns true when it changed. */
    async checkCatalog(): Promise<boolean> {
      await catalog.refresh();
      const digest = digestOf(catalog.groups().map((g) => `${g.group_id}:${g.group_name}:${(g.tag ?? []).map((t) => `${t.id}=${t.name}`).join(',')}`));
      const before = getMeta.get('catalog_digest') as string | undefined;
      setMeta.run('catalog_digest', digest);
      if (before !== undefined && before !== digest) {
        ctx.events.publish({ kind: 'catalog.changed', source: 'wecom' }, '*');
        return true;
      }
      return false;
    },

    /** Re-reads one member's relations; returns how many changed since the last look. */
    async checkMember(userid: string): Promise<number> {
      const seen = new Map<string, string>();
      let cursor = '';
      do {
        const page = (await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/batch/get_by_user', {}, { userid_list: [userid], cursor, limit: 100 })) as ByUserPage;
        for (const c of page.external_contact_list ?? []) seen.set(c.external_contact.external_userid, digestOf([...(c.follow_info.tag_id ?? [])].sort()));
        cursor = page.next_cursor ?? '';
      } while (cursor);
      const known = new Map((digestsOf.all(userid) as { external_userid: string; digest: string }[]).map((r) => [r.external_userid, r.digest]));
      const changed: string[] = [];
      ctx.db.transaction(() => {
        for (const [ext, d] of seen) {
          const before = known.get(ext);
          if (before !== undefined && before !== d) changed.push(ext);
          if (before !== d) putDigest.run(userid, ext, d);
        }
        for (const ext of known.keys()) {
          if (!seen.has(ext)) {
            changed.push(ext);
            dropDigest.run(userid, ext);
          }
        }
      })();
      for (const ext of changed) await announce(userid, ext);
      return changed.length;
    },

    /** One tick: the catalog, then the next member in turn. */
    async tick(): Promise<void> {
      await reconciler.checkCatalog();
      const members = ctx.directory.members().filter((m) => m.active).map((m) => m.userid).sort();
      if (members.length === 0) return;
      const last = (getMeta.get('reconcile_cursor') as string | undefined) ?? '';
      const next = members.find((u) => u > last) ?? members[0]!;
      await reconciler.checkMember(next);
      setMeta.run('reconcile_cursor', next);
    },
  };
  return reconciler;
}

export type Reconciler = ReturnType<typeof createReconciler>;
