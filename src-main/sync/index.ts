// The sync engine's public surface for the app (IPC handlers, services) and the tools.
export { SyncEngine, createSyncEngine, STALL_AFTER_MS, type SyncEngineOptions, type SyncEvent, type SyncStatus, type DrainStats } from './engine';
export { addEnterpriseTag, removeEnterpriseTag, chooseSingleChoiceTag, setRemark, UnknownTagError, RemarkRefusedError, type ChangeMeta } from './local-changes';
export { listInbox, resolveInboxItem, type InboxItem, type InboxDecision } from './inbox';
export { mergePair, intentOf, rebase } from './merge';
export { fullJitterDelay, type SyncDeps, type SyncClock } from './deps';
export type { EngineVariant } from './pair-sync';
