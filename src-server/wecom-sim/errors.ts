// WeCom's error answers as the simulator gives them: HTTP 200, errcode, and an errmsg in WeCom's
// real format "<english>, hint: [<id>], from ip: <ip>, more info at …?e=<code>".

export class SimError extends Error {
  constructor(readonly errcode: number, readonly detail?: string, readonly extra: Record<string, unknown> = {}) {
    super(detail ?? ERRMSG[errcode] ?? `errcode ${errcode}`);
  }
}

/** English prefixes: observed ones from the reference (§3), the rest are our wording (docs/wecom.md). */
export const ERRMSG: Record<number, string> = {
  [-1]: 'system busy',
  40001: 'invalid credential',
  40003: 'invalid userid',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40058: 'invalid Request Parameter',
  40063: 'some parameters are empty',
  40068: 'invalid tagid',
  40071: 'invalid tag name, tag name already exists',
  40072: 'invalid tag name length',
  40096: 'invalid external userid',
  40097: 'user has not resigned',
  40100: 'external contacts of this user are being transferred',
  40126: 'corp tag count exceed limit',
  40128: 'customer transfer too frequent',
  40129: 'customer is being transferred',
  40130: 'handover user and takeover user are the same',
  40131: 'handover user is not the follow user of this external contact',
  40144: 'customer tag count exceed limit',
  41001: 'access_token missing',
  41004: 'corpsecret missing',
  41017: 'tagid missing',
  41018: 'tag name missing',
  41035: 'external userid missing',
  42001: 'access_token expired',
  45009: 'api freq out of limit',
  45033: 'api concurrent out of limit',
  45035: 'concurrent operation conflict',
  48002: 'api forbidden',
  60011: 'no privilege to access/modify contact/party/agent',
  60020: 'not allow to access from your ip',
  60123: 'invalid party id',
  84061: 'not external contact',
};

let hintCounter = 0;

export function formatErrmsg(errcode: number, detail: string | undefined, ip: string, nowMs: number): string {
  const text = detail ?? ERRMSG[errcode] ?? 'unknown error';
  hintCounter = (hintCounter + 1) % 1_000_000;
  const hint = `${nowMs}${String(hintCounter).padStart(6, '0')}`;
  return `${text}, hint: [${hint}], from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
}
