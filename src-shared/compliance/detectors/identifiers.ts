// Detectors for identifiers that have no place in a tag or note (minimisation): resident ID,
// mobile, bank card, account numbers, credentials, passport, e-mail, WeChat/QQ, plate, and the
// fallback for any other long digit run. Numeric ones run in order and claim their spans.
import { isLegacyResidentId, isResidentId, luhnValid } from './checksums';
import { claim, digitsOnly, hasContext, overlapsClaimed, type Detector, type DetectorHit } from './detector';

// Between digits users type spaces, dashes, dots or middle dots; allow up to two of them.
const SEP = '[ \\-.·]{0,2}';

const ID18 = new RegExp(`(?<![0-9a-z])\\d(?:${SEP}\\d){16}${SEP}[\\dx](?![0-9a-z])`, 'g');
const ID15 = /(?<![0-9a-z])\d{15}(?![0-9a-z])/g;
const ID_CONTEXT = /身份证|身份号|证件|公民号|id/;

export const detectResidentId: Detector = (text, ctx) => {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(ID18)) {
    if (!isResidentId(digitsOnly(m[0]) + (/x$/.test(m[0]) ? 'X' : ''), ctx.now)) continue;
    hits.push(claim(ctx, { category: 'pii.id_cn', rule: 'pii.id_cn/gb11643', start: m.index, end: m.index + m[0].length }));
  }
  for (const m of text.matchAll(ID15)) {
    const end = m.index + m[0].length;
    if (overlapsClaimed(ctx, m.index, end) || !isLegacyResidentId(m[0])) continue;
    if (!hasContext(text, m.index, end, ID_CONTEXT)) continue;
    hits.push(claim(ctx, { category: 'pii.id_cn', rule: 'pii.id_cn/legacy15', start: m.index, end, weak: true }));
  }
  return hits;
};

const MOBILE = /(?<![\d+][ -]{0,2})(?:(?:\+|00)?86[ -]{0,2})?1[3-9](?:[ -]{0,2}\d){9}(?!\d)/g;

export const detectMobile: Detector = (text, ctx) => {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(MOBILE)) {
    const end = m.index + m[0].length;
    if (overlapsClaimed(ctx, m.index, end)) continue;
    const d = digitsOnly(m[0]).slice(-11);
    hits.push(claim(ctx, { category: 'pii.mobile_cn', rule: 'pii.mobile_cn/format', start: m.index, end, replacement: `${d.slice(0, 3)}****${d.slice(7)}` }));
  }
  return hits;
};

// Numbers spelled with Chinese numerals ("幺三八…", "壹叁捌…") to get past digit filters.
const SPELLED_DIGITS: Record<string, string> = {
  〇: '0', 零: '0', 一: '1', 幺: '1', 壹: '1', 二: '2', 两: '2', 贰: '2', 三: '3', 叁: '3', 四: '4', 肆: '4',
  五: '5', 伍: '5', 六: '6', 陆: '6', 七: '7', 柒: '7', 八: '8', 捌: '8', 九: '9', 玖: '9',
};
const SPELLED = /[〇零一幺壹二两贰三叁四肆五伍六陆七柒八捌九玖](?:[ -]{0,2}[〇零一幺壹二两贰三叁四肆五伍六陆七柒八捌九玖]){10,17}/g;

export const detectSpelledNumber: Detector = (text, ctx) => {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(SPELLED)) {
    const end = m.index + m[0].length;
    if (overlapsClaimed(ctx, m.index, end)) continue;
    const d = [...m[0]].map((c) => SPELLED_DIGITS[c] ?? '').join('');
    if (/^1[3-9]\d{9}$/.test(d)) {
      hits.push(claim(ctx, { category: 'pii.mobile_cn', rule: 'pii.mobile_cn/spelled', start: m.index, end, replacement: `${d.slice(0, 3)}****${d.slice(7)}` }));
    } else if (d.length === 18 && isResidentId(d, ctx.now)) {
      hits.push(claim(ctx, { category: 'pii.id_cn', rule: 'pii.id_cn/spelled', start: m.index, end }));
    }
  }
  return hits;
};

const CARD = /(?<![0-9a-z])\d(?:[ -]{0,2}\d){15,18}(?![0-9a-z])/g;
const CARD_CONTEXT = /卡号|银行卡|信用卡|借记卡|储蓄卡|工资卡|银联|卡/;
const CARD_PREFIX = /^(?:62|4|5[1-5])/;

export const detectBankCard: Detector = (text, ctx) => {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(CARD)) {
    const end = m.index + m[0].length;
    const digits = digitsOnly(m[0]);
    if (overlapsClaimed(ctx, m.index, end) || !luhnValid(digits)) continue;
    // About one in ten digit strings passes Luhn, so a card needs context or a card prefix.
    const strong = CARD_PREFIX.test(digits) || hasContext(text, m.index, end, CARD_CONTEXT);
    hits.push(claim(ctx, { category: 'pii.bank_card', rule: 'pii.bank_card/luhn', start: m.index, end, weak: !strong }));
  }
  return hits;
};

const ACCOUNT = /(?:账号|帐号|账户|帐户|户号|卡号|账号为|收款账号)[ :]{0,3}(?:是|为)?[ :]{0,2}(\d(?:[ -]?\d){9,29})(?!\d)/dg;

export const detectAccountNumber: Detector = (text, ctx) => {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(ACCOUNT)) {
    const [start, end] = m.indices![1]!;
    if (overlapsClaimed(ctx, start, end)) continue;
    hits.push(claim(ctx, { category: 'fin.account_no', rule: 'fin.account_no/context', start, end }));
  }
  return hits;
};

const CREDENTIAL = /(?<![a-z])(?:支付密码|登录密码|取款密码|银行卡密码|密码|口令|验证码|校验码|动态码|安全码|cvv2?|cvn2?|pin码?)[ :]{0,3}(?:是|为)?[ :]{0,2}([a-z0-9]{3,20})(?![a-z0-9])/dg;

export const detectCredential: Detector = (text, ctx) => {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(CREDENTIAL)) {
    const token = m[1]!;
    if (!/\d/.test(token) && token.length < 6) continue;
    const [start, end] = m.indices![1]!;
    if (overlapsClaimed(ctx, start, end)) continue;
    hits.push(claim(ctx, { category: 'fin.credential', rule: 'fin.credential/keyword', start: m.index, end }));
  }
  return hits;
};

// MPS formats: E+8 digits, E+letter(not I/O)+7, G+8, DE/SE/PE+7, K+8 (HK), MA+7 (Macau), C+8 permits.
const PASSPORT = /(?<![0-9a-z])(?:e\d{8}|e[a-hj-np-z]\d{7}|g\d{8}|[dsp]e\d{7}|k\d{8}|ma\d{7}|c\d{8}|c[a-hj-np-z]\d{7}|1[45]\d{7})(?![0-9a-z])/g;
const PASSPORT_CONTEXT = /护照|通行证|passport|签证|旅行证/;

export const detectPassport: Detector = (text, ctx) => {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(PASSPORT)) {
    const end = m.index + m[0].length;
    if (overlapsClaimed(ctx, m.index, end)) continue;
    const context = hasContext(text, m.index, end, PASSPORT_CONTEXT, 10, 6);
    // The all-digit form is just a number without context; the long-number rule covers it.
    if (!context && /^\d/.test(m[0])) continue;
    hits.push(claim(ctx, { category: 'pii.passport', rule: 'pii.passport/format', start: m.index, end, weak: !context }));
  }
  return hits;
};

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/g;

export const detectEmail: Detector = (text, ctx) =>
  [...text.matchAll(EMAIL)].map((m) => claim(ctx, { category: 'pii.email', rule: 'pii.email/format', start: m.index, end: m.index + m[0].length }));

// Curated variants of the context words (reference §3.1): 薇信/威信/v信/vx for 微信, 扣扣 for QQ.
const IM = /(?<![a-z])(?:微信号?|薇信|威信|维信|v信|vx|wx|weixin|wechat|qq号?|扣扣号?|企鹅号)[ :]{0,3}(?:号|账号|id)?[ :]{0,3}(?:是|为)?[ :]{0,2}([a-z][-_a-z0-9]{5,19}|\d{5,11})(?![-_a-z0-9])/dg;

export const detectImAccount: Detector = (text, ctx) => {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(IM)) {
    const end = m.index + m[0].length;
    const [hs, he] = m.indices![1]!;
    if (overlapsClaimed(ctx, hs, he)) continue;
    hits.push(claim(ctx, { category: 'pii.im_account', rule: 'pii.im_account/handle', start: m.index, end }));
  }
  return hits;
};

const PLATE = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][a-hj-np-z][ ·.]?[a-hj-np-z0-9]{4,5}[a-hj-np-z0-9挂学警港澳](?![0-9a-z])/g;

export const detectPlate: Detector = (text, ctx) => {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(PLATE)) {
    const end = m.index + m[0].length;
    // Real plates carry at least three digits; this keeps brand-plus-word strings out.
    if ((m[0].match(/\d/g)?.length ?? 0) < 3 || overlapsClaimed(ctx, m.index, end)) continue;
    hits.push(claim(ctx, { category: 'pii.plate', rule: 'pii.plate/format', start: m.index, end }));
  }
  return hits;
};

const LONG_NUMBER = /(?<!\d)\d{8,}(?!\d)/g;

/** Runs last: any remaining run of 8+ digits may be an account or ID number. */
export const detectLongNumber: Detector = (text, ctx) => {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(LONG_NUMBER)) {
    const end = m.index + m[0].length;
    if (overlapsClaimed(ctx, m.index, end)) continue;
    hits.push(claim(ctx, { category: 'pii.long_number', rule: 'pii.long_number/digits', start: m.index, end }));
  }
  return hits;
};
