// WeCom errcodes as typed errors. Each error carries a retry class that tells the caller
// (sync engine, team-server relay) what to do next; errmsg is for people, never for decisions.
import { RELAY_ERRCODES } from '../team-api/errors';

/** What a caller should do after a failed WeCom call. */
export type RetryClass =
  /** The token was expired or invalidated: refresh it and retry once. */
  | 'refresh-token'
  /** Transient (busy, concurrency, network): retry later with jittered back-off. */
  | 'back-off'
  /** A frequency window was exceeded (45009): stop calling this API until `retryAfterMs`. */
  | 'pause-api'
  /** The request itself is wrong for the current data (dead tag id, no relation…): a person or a re-resolve must decide. */
  | 'park-for-person'
  /** Credentials, trusted IP or permissions are wrong: stop everything and tell an admin. */
  | 'fatal-config';

/** Configuration errors: retrying them in a loop gets the calling IP banned for an hour (DOC 90313). */
export const CONFIG_ERRCODES: ReadonlySet<number> = new Set([40001, 40013, 60020, 41004, 48002, 50003, 84074, 301002, 48009,
  // The team server's relay: the device token is unknown or revoked — the member must sign in again.
  RELAY_ERRCODES.deviceRevoked]);
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40014, 42001]);
const BACK_OFF_ERRCODES: ReadonlySet<number> = new Set([-1, 6000, 45033, 45035, 45036,
  // The relay: this member's fair share is used up for now; the team server cannot reach WeCom.
  RELAY_ERRCODES.relayRateLimited, RELAY_ERRCODES.upstreamUnavailable]);

export function retryClassOf(errcode: number): RetryClass {
  if (TOKEN_ERRCODES.has(errcode)) return 'refresh-token';
  if (errcode === 45009) return 'pause-api';
  if (BACK_OFF_ERRCODES.has(errcode)) return 'back-off';
  if (CONFIG_ERRCODES.has(errcode)) return 'fatal-config';
  return 'park-for-person';
}

/** What an admin should be told about a configuration error (English for logs; the UI maps errcodes to its own Chinese text). */
const CONFIG_ADVICE: Record<number, string> = {
  40001: 'WeCom rejected the app secret (corpsecret): it is wrong, was reset, or the app is disabled. Fix the secret before retrying — repeated wrong secrets get this IP banned for one hour.',
  40013: 'WeCom rejected the corp ID (corpid). Check the corp ID in the team server settings.',
  60020: "This server's IP is not among the app's trusted IPs (企业可信IP). Add it in the WeCom admin console; the change takes about a minute.",
  41004: 'The app secret (corpsecret) is missing from the configuration.',
  48002: 'The app may not call customer-contact APIs: add it under 客户联系 → 可调用接口的应用.',
  50003: 'The WeCom app is disabled.',
  84074: 'The app has no external-contact (客户联系) permission.',
  301002: 'The access token belongs to another app (agentid).',
  48009: 'The contact-sync secret may not read the directory from this IP.',
};

export class WecomError extends Error {
  override name = 'WecomError';
  constructor(message: string, readonly retryClass: RetryClass, readonly api: string) {
    super(message);
  }
}

/** WeCom answered with a non-zero errcode. */
export class WecomApiError extends WecomError {
  override name = 'WecomApiError';
  /** For 'pause-api': how long to leave this API alone. */
  readonly retryAfterMs: number | undefined;
  constructor(readonly errcode: number, readonly errmsg: string, api: string, options: { retryAfterMs?: number; body?: unknown } = {}) {
    super(
      CONFIG_ADVICE[errcode] !== undefined
        ? `WeCom ${api}: ${errcode} — ${CONFIG_ADVICE[errcode]} (${errmsg})`
        : `WeCom ${api} failed: ${errcode} ${errmsg}`,
      retryClassOf(errcode),
      api,
    );
    this.retryAfterMs = options.retryAfterMs;
    this.body = options.body;
  }
  /** The whole response body: some errors still carry result fields (e.g. external_userid: []). */
  readonly body: unknown;
}

/** The client stopped itself after a configuration error; nothing is sent until it is rebuilt with new settings. */
export class WecomConfigError extends WecomApiError {
  override name = 'WecomConfigError';
}

/** No usable answer: network failure, timeout, non-200 HTTP status or a body that is not JSON. */
export class WecomTransportError extends WecomError {
  override name = 'WecomTransportError';
  constructor(message: string, api: string, readonly status?: number) {
    // A 404 means the base URL or path is wrong, which no retry fixes.
    super(message, status === 404 ? 'fatal-config' : 'back-off', api);
  }
}

/** WeCom answered errcode 0 with a body that does not match the documented shape. */
export class WecomShapeError extends WecomError {
  override name = 'WecomShapeError';
  constructor(api: string, readonly issues: string) {
    super(`WeCom ${api} returned an unexpected response shape: ${issues}`, 'park-for-person', api);
  }
}

/** Pulls the tag id WeCom names in a 40068 errmsg ("invalid tagid: <id>, hint: …"); a hint only, never a contract. */
export function tagIdFromErrmsg(errmsg: string): string | undefined {
  return /invalid tagid:\s*([A-Za-z0-9_-]+)/.exec(errmsg)?.[1];
}
