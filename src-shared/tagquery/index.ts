// Tag-set query language: parse (`VIP 且 华东`), resolve against the catalog, evaluate per
// customer (predicate) or over many customers at once (TagIndex bitsets).
export * from './ast';
export { parseTagQuery } from './parser';
export { compileTagQuery, resolveTagQuery, checkTagQuerySyntax, type CompiledTagQuery, type ResolvedNode, type TagQueryCheck } from './compile';
export { TagIndex, CustomerBitset, type TagLink } from './tag-index';
export { indexRelations, type RelationTagIndex } from './relations';
