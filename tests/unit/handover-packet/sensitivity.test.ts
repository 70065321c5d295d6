// What a hand-over packet entry is, as the leaver, the supervisor and the successor see it:
// texts the linter blocks cannot go (with its reason, and its rewording when it has one); risk
// and refusal meanings and negations are sensitive, so the successor confirms them one by one;
// everyday notes just go.
import { describe, it, expect } from 'vitest';
import { defaultLinter } from '../../../src-shared/compliance/index';
import { checkPacketEntry, PACKET_RISK_TERMS } from '../../../src-shared/handover-packet/sensitivity';

const linter = defaultLinter();

describe('packet entry check', () => {
  it('blocks an ID-card number in a tag or a note, with the linter’s reason', () => {
    for (const field of ['tag', 'note'] as const) {
      const c = checkPacketEntry(linter, '身份证 11010519491231002X', field);
      expect(c.status).toBe('blocked');
      expect(c.reasons[0]).toContain('身份证号');
      expect(c.suggestion).toBeNull();
    }
  });

  it('offers the masked form for a mobile number in a note, and still does not let it go as written', () => {
    expect(checkPacketEntry(linter, '客户手机 13812345678', 'note')).toEqual({ status: 'blocked', reasons: [expect.stringContaining('手机号')], suggestion: '客户手机 138****5678' });
  });

  it('marks risk and refusal meanings sensitive with the reason, from the curated list', () => {
    expect(checkPacketEntry(linter, '投诉风险客户', 'tag')).toEqual({ status: 'sensitive', reasons: ['投诉或纠纷风险'], suggestion: null });
    expect(checkPacketEntry(linter, '讨厌销售跟进', 'tag').reasons).toContain('客户反感联系或跟进');
    expect(checkPacketEntry(linter, '有欠款未结清', 'note').reasons).toContain('付款风险');
    for (const { term } of PACKET_RISK_TERMS) expect(checkPacketEntry(linter, `客户${term}`, 'note').status).not.toBe('ok');
  });

  it('marks a negation sensitive so its meaning is not turned around', () => {
    expect(checkPacketEntry(linter, '不喜欢电话沟通', 'note').reasons).toContain('含否定意思，请按原意理解');
  });

  it('lets everyday notes go', () => {
    for (const text of ['周五常加班', '喜欢圆领', '老板娘做决定，下午三点后方便']) expect(checkPacketEntry(linter, text, 'note')).toEqual({ status: 'ok', reasons: [], suggestion: null });
  });
});
