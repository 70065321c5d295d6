// Resolves a parsed expression against the enterprise tag catalog and compiles it into a
// predicate over one customer's tag ids. Unknown names are errors, not empty sets: a typo in
// a mute rule must not silently match nobody.
import type { EnterpriseTagId, TagGroup } from '../domain/tags';
import { TagQueryError, type TagQueryNode, type TagRef } from './ast';
import { column } from './lexer';
import { parseTagQuery } from './parser';

/** The tree with every tag reference replaced by the catalog tag ids it stands for. */
export type ResolvedNode =
  | { kind: 'tags'; ref: TagRef; tagIds: readonly EnterpriseTagId[] }
  | { kind: 'not'; operand: ResolvedNode }
  | { kind: 'and' | 'or'; operands: ResolvedNode[] };

export interface CompiledTagQuery {
  source: string;
  resolved: ResolvedNode;
  /** True when a customer carrying exactly these tag ids matches. */
  matches(tagIds: ReadonlySet<EnterpriseTagId>): boolean;
}

export function resolveTagQuery(source: string, node: TagQueryNode, catalog: readonly TagGroup[]): ResolvedNode {
  const groups = catalog.filter((g) => !g.deleted);
  const resolveRef = (ref: TagRef): ResolvedNode => {
    let candidates = groups;
    if (ref.group !== undefined) {
      candidates = groups.filter((g) => g.name === ref.group);
      if (candidates.length === 0) {
        throw new TagQueryError('unknown_group', ref.start, `第 ${column(source, ref.start)} 列：找不到标签组「${ref.group}」`, groups.map((g) => g.name));
      }
    }
    const tagIds: EnterpriseTagId[] = [];
    for (const g of candidates) {
      for (const t of g.tags) {
        if (t.deleted) continue;
        if (ref.prefix ? t.name.startsWith(ref.name) : t.name === ref.name) tagIds.push(t.id);
      }
    }
    // A prefix that matches nothing is a legitimate empty set (campaign tags come and go);
    // an exact name that matches nothing is almost always a typo.
    if (tagIds.length === 0 && !ref.prefix) {
      const where = ref.group !== undefined ? `标签组「${ref.group}」里` : '标签库里';
      throw new TagQueryError('unknown_tag', ref.start, `第 ${column(source, ref.start)} 列：${where}找不到标签「${ref.name}」`, []);
    }
    return { kind: 'tags', ref, tagIds };
  };
  const walk = (n: TagQueryNode): ResolvedNode => {
    switch (n.kind) {
      case 'tag': return resolveRef(n);
      case 'not': return { kind: 'not', operand: walk(n.operand) };
      case 'and':
      case 'or': return { kind: n.kind, operands: n.operands.map(walk) };
    }
  };
  return walk(node);
}

function toPredicate(n: ResolvedNode): (tags: ReadonlySet<EnterpriseTagId>) => boolean {
  switch (n.kind) {
    case 'tags': {
      const ids = n.tagIds;
      if (ids.length === 1) { const id = ids[0]!; return (tags) => tags.has(id); }
      return (tags) => ids.some((id) => tags.has(id));
    }
    case 'not': { const p = toPredicate(n.operand); return (tags) => !p(tags); }
    case 'and': { const ps = n.operands.map(toPredicate); return (tags) => ps.every((p) => p(tags)); }
    case 'or': { const ps = n.operands.map(toPredicate); return (tags) => ps.some((p) => p(tags)); }
  }
}

/** Parses, resolves and compiles; throws TagQueryError with position and code. */
export function compileTagQuery(source: string, catalog: readonly TagGroup[]): CompiledTagQuery {
  const resolved = resolveTagQuery(source, parseTagQuery(source), catalog);
  return { source, resolved, matches: toPredicate(resolved) };
}

export type TagQueryCheck = { ok: true } | { ok: false; error: TagQueryError };

/** Syntax check only (no catalog), for validating stored rules. */
export function checkTagQuerySyntax(source: string): TagQueryCheck {
  try {
    parseTagQuery(source);
    return { ok: true };
  } catch (e) {
    if (e instanceof TagQueryError) return { ok: false, error: e };
    throw e;
  }
}
