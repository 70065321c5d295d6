// Simulator options and WeCom's limits as defaults (DOC 90312, 92117, 92118, 92994); every
// number is configurable so tests can reach a limit with a handful of calls.
import type { DemoCompany } from '../demo/company';

export interface SimLimits {
  /** Per corp, per API (DOC 90312). */
  perCorpPerMinute: number;
  perCorpPerHour: number;
  /** Per IP, per API. */
  perIpPerMinute: number;
  perIpPerHour: number;
  /** debug=1 mode: 5 calls per minute per API. */
  debugPerMinute: number;
  /** Concurrent calls of one read API per corp before 45033 (undocumented; our choice). */
  maxConcurrentReads: number;
  /** Corp tag cap: 10,000 today, 3,000 in older docs. */
  corpTagLimit: number;
  /** Tags per (member, customer) pair (40144 beyond). */
  tagsPerRelation: number;
  tagNameMaxChars: number;
  /** Wrong secrets from one IP within an hour before the IP is banned for an hour. */
  wrongSecretBanThreshold: number;
  /** Mass messages one customer may receive per natural month. */
  msgTemplatesPerCustomerPerMonth: number;
  /** Largest accepted request body. */
  maxBodyBytes: number;
  /** jsapi_ticket: 400/h per corp; the app ticket: 100/h per app. */
  corpJsapiTicketsPerHour: number;
  agentJsapiTicketsPerHour: number;
}

export const DEFAULT_SIM_LIMITS: SimLimits = {
  perCorpPerMinute: 10_000,
  perCorpPerHour: 150_000,
  perIpPerMinute: 20_000,
  perIpPerHour: 600_000,
  debugPerMinute: 5,
  maxConcurrentReads: 20,
  corpTagLimit: 10_000,
  tagsPerRelation: 3_000,
  tagNameMaxChars: 30,
  wrongSecretBanThreshold: 10,
  msgTemplatesPerCustomerPerMonth: 4,
  maxBodyBytes: 1024 * 1024,
  corpJsapiTicketsPerHour: 400,
  agentJsapiTicketsPerHour: 100,
};

export interface CallbackConfig {
  /** Where events are POSTed. */
  url: string;
  /** The app's callback Token and EncodingAESKey; default: the company's. */
  token?: string;
  encodingAesKey?: string;
  /** Share of events WeCom silently never delivers (0–1). */
  dropRate?: number;
  /** Attempts per event (WeCom: 3 in total). */
  attempts?: number;
  /** Per attempt (WeCom: 5 s). */
  timeoutMs?: number;
  retryDelayMs?: number;
}

export interface WecomSimulatorOptions {
  seed?: number;
  customers?: number;
  /** A ready company (skips generation); otherwise generated from seed and customers. */
  company?: DemoCompany;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Enables the /__sim/… fault-injection routes. */
  faults?: boolean;
  limits?: Partial<SimLimits>;
  callback?: CallbackConfig;
  /** Milliseconds since the epoch; /__sim/clock can move it forward. */
  clock?: () => number;
  /** When set, calls from other IPs get 60020. */
  trustedIps?: string[];
  /** What an expired token answers: 42001 (documented) or 40014 (also observed). */
  expiredTokenErrcode?: 40014 | 42001;
  /** gettoken inside the validity window returns the same token (2019 doc behaviour; unconfirmed today). */
  reuseTokenWithinValidity?: boolean;
  tokenLifetimeSeconds?: number;
  log?: (line: string) => void;
}
