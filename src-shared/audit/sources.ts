// Where an audit event came from: a closed set, versioned with the event format. A new source
// means a new format version, so a verifier never meets a source it cannot name.

export const AUDIT_SOURCES_V1 = [
  'ui', 'import', 'bulk', 'automation', 'approval', 'sync', 'relay', 'restore', 'handover', 'merge', 'revert', 'channel-code',
] as const;
export type AuditSource = (typeof AUDIT_SOURCES_V1)[number];

/** Sources accepted per event format version. */
export const AUDIT_SOURCES_BY_VERSION: Readonly<Record<number, readonly string[]>> = { 1: AUDIT_SOURCES_V1 };
