// The local store's public surface, for the sync engine and the IPC handlers. Each concept
// lives in its own module; this file only re-exports them.
export * from './database';
export * from './catalog';
export * from './directory';
export * from './customers';
export * from './search';
export { normalizeText, nameSpellings, customerSearchTerms, TermKind } from './search-terms';
export * from './outbox';
export * from './effective-tags';
export * from './conflicts';
export * from './personal-tags';
export * from './caches';
export * from './audit';
export * from './approval-outbox';
export * from './panel';
export { inTransaction, beginBulkLoad } from './sql';
