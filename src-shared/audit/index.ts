// Audit chain: append-only, hash-chained, redacted before hashing, verifiable from an export.
export * from './sources';
export * from './event';
export { canonicalJson, hashEventBody, sha256Hex, CANONICAL_PREFIX_V1, CanonicalEncodingError } from './canonical';
export { redactSpans, redactValue, type Redactor, type RedactorResult, type CategorizedSpan } from './redact';
export {
  sealAuditEvent, AuditChain, AuditChainError, createEnterpriseChain, createPersonalChain,
  type AuditEventInput, type AuditHead, type AuditChainOptions, type SealOptions,
} from './chain';
export { verifyAuditChain, VERIFY_FAILURES, type VerifyResult, type VerifyOptions, type VerifyFailureCode } from './verify';
export { exportAuditJsonl, parseAuditJsonl, verifyAuditJsonl, EXPORT_HEADER_TYPE, type AuditExportHeader, type ParsedAuditJsonl } from './jsonl';
