// The team server's stable error contract. Team API errors come back as
// `{ ok: false, error: { code, message, userMessage } }` with an HTTP status; relayed WeCom
// calls answer in WeCom's own shape `{ errcode, errmsg }`, using WeCom's codes where WeCom's
// meaning fits (so an unchanged WeCom client does the right thing) and Tagdesk's own codes
// from 7100001 up for what only the relay decides. Never renumber: desktops depend on them.

export const TEAM_ERROR_CODES = {
  bad_request: 400,
  unauthenticated: 401,
  device_revoked: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  upstream_unavailable: 502,
  internal: 500,
} as const;
export type TeamErrorCode = keyof typeof TEAM_ERROR_CODES;

export interface TeamError {
  code: TeamErrorCode;
  message: string;
  userMessage: string;
  /** For bad_request: which field and what was wrong. */
  issues?: { path: string; message: string }[];
}

/** Relay-only errcodes (WeCom protocol). How the desktop's sync engine treats each is in docs/api.md. */
export const RELAY_ERRCODES = {
  /** gettoken with an unknown or revoked device token: sign in again. */
  deviceRevoked: 7100001,
  /** The permission engine refused this write (group not applicable, no manage right…): park for a person. */
  refusedByPolicy: 7100010,
  /** The tag text or tag is sensitive and has no approved request: file one, do not retry. */
  needsApproval: 7100011,
  /** The member's tagging is suspended by a supervisor: park until lifted. */
  memberSuspended: 7100012,
  /** The follow relation is not the caller's and policy does not allow acting on it: park. */
  outsideScope: 7100013,
  /** The company's fair share of WeCom's quota is used up for this member right now: back off. */
  relayRateLimited: 7100020,
  /** The relay could not reach WeCom: back off and retry. */
  upstreamUnavailable: 7100030,
} as const;
export type RelayErrcode = (typeof RELAY_ERRCODES)[keyof typeof RELAY_ERRCODES];
