// The desktop's WeCom client must treat the relay's own errcodes as the relay means them.
import { describe, it, expect } from 'vitest';
import { retryClassOf } from '../../../src-shared/wecom/errors';
import { RELAY_ERRCODES } from '../../../src-shared/team-api/errors';

describe('relay errcodes in the WeCom client', () => {
  it.each([
    [RELAY_ERRCODES.deviceRevoked, 'fatal-config'],
    [RELAY_ERRCODES.relayRateLimited, 'back-off'],
    [RELAY_ERRCODES.upstreamUnavailable, 'back-off'],
    [RELAY_ERRCODES.refusedByPolicy, 'park-for-person'],
    [RELAY_ERRCODES.needsApproval, 'park-for-person'],
    [RELAY_ERRCODES.memberSuspended, 'park-for-person'],
    [RELAY_ERRCODES.outsideScope, 'park-for-person'],
    [40014, 'refresh-token'],
    [42001, 'refresh-token'],
  ])('errcode %i → %s', (code, cls) => expect(retryClassOf(code)).toBe(cls));

  it('keeps the relay codes out of WeCom’s own ranges and stable', () => {
    expect(Object.values(RELAY_ERRCODES)).toEqual([7100001, 7100010, 7100011, 7100012, 7100013, 7100020, 7100030]);
  });
});
