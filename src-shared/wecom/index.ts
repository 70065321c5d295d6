// Public surface of the WeCom protocol core: the client, its errors, limits and schemas.
export { WecomClient, createWecomClient, type WecomClientOptions } from './client';
export * from './errors';
export { RateLimiter, RateLimitWaitError, DEFAULT_RATE_LIMITS, type RateLimitConfig } from './rate-limiter';
export { TokenCache } from './token-cache';
export type { WecomFetch } from './transport';
export * as wecomTagSchemas from './schemas/tags';
export * as wecomContactSchemas from './schemas/contacts';
export * as wecomTransferSchemas from './schemas/transfer';
export * as wecomMiscSchemas from './schemas/misc';
export type { CorpTag, CorpTagGroup } from './schemas/tags';
export type { ExternalContact, FollowUser, FollowInfo } from './schemas/contacts';
export type { Department, DirectoryUser } from './schemas/misc';
