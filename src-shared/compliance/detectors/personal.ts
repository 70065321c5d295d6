// Detectors for facts about a person's life that need more than a word list: precise home
// address, date of birth, income and assets (Arabic or Chinese numerals), children under 14,
// and whereabouts (recurring time + place, hotel room, coordinates). Reference §2.2.
import Nzh from 'nzh';
import { hasContext, smallNumber, yearNumber, type Detector, type DetectorHit } from './detector';

const CN_NUM = '[零〇一二两三四五六七八九十百千]';

// ---- precise address: a division/road/estate marker directly followed by a house number ----
const ADDRESS_CORE = new RegExp(
  `[省市区县镇乡道路街巷弄同村园寓苑城厦场里](?:\\d{1,5}|${CN_NUM}{1,4})(?:号楼|号院|号|栋|幢|座)` +
    `(?![店线机位窗台柜仓厅馆展码卡单])(?:\\d{1,3}(?:单元|层|楼))*(?:\\d{2,5}(?:室|房|户)?)?`,
  'g',
);
// Without a marker, a building + room pair is still a home address ("5号楼302室", "3栋1801").
const ADDRESS_BARE = /(?<!\d)\d{1,3}(?:号楼|栋|幢|座)(?:\d{1,2}单元)?\d{3,4}(?:室|房|户)?(?!\d)/g;
// Walking back from the marker, stop at words that introduce an address rather than name it.
const ADDRESS_STOP = /[^\u4e00-\u9fff]|住|在|于|址|是|的|家|好/;

export const detectPreciseAddress: Detector = (text) => {
  const hits: DetectorHit[] = [];
  const push = (start: number, end: number, prefixEnd: number): void => {
    if (hits.some((h) => start < h.end && h.start < end)) return;
    // The replacement keeps the address down to the district: coarse location is not sensitive.
    const prefix = text.slice(start, prefixEnd);
    const cut = Math.max(...[...'省市区县'].map((c) => prefix.lastIndexOf(c))) + 1;
    hits.push({ category: 'pii.address_precise', rule: 'pii.address_precise/house-number', start, end, replacement: prefix.slice(0, cut) });
  };
  for (const m of text.matchAll(ADDRESS_CORE)) {
    let start = m.index;
    while (start > 0 && m.index - start < 12 && !ADDRESS_STOP.test(text.charAt(start - 1))) start--;
    push(start, m.index + m[0].length, m.index + 1);
  }
  for (const m of text.matchAll(ADDRESS_BARE)) push(m.index, m.index + m[0].length, m.index);
  return hits.sort((a, b) => a.start - b.start);
};

// ---- date of birth: a date with a certain year next to a birth word ----
const DATE = new RegExp(
  `((?:19|20)\\d{2}|[一二][〇零一二三四五六七八九]{3})[ ]*[年\\-/.][ ]*(\\d{1,2}|[一二三四五六七八九十]{1,3})[ ]*` +
    `(?:[月\\-/.][ ]*(\\d{1,2}|[一二三四五六七八九十]{1,3})[ ]*[日号]?|月)`,
  'g',
);
const BIRTH_CONTEXT = /生日|出生|生于|诞辰|诞生|dob|birthday/;

export const detectBirthDate: Detector = (text) => {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(DATE)) {
    const year = yearNumber(m[1]!);
    const month = smallNumber(m[2]!);
    if (year === undefined || month === undefined || month < 1 || month > 12) continue;
    const end = m.index + m[0].length;
    // A birthday without a year is a common, legitimate sales note; only a dated one is flagged.
    if (!hasContext(text, m.index, end, BIRTH_CONTEXT, 8, 4)) continue;
    hits.push({ category: 'pii.dob', rule: 'pii.dob/dated', start: m.index, end });
  }
  return hits;
};

// ---- income and assets ----
const MONEY_WORD = '年收入|月收入|年薪|月薪|月入|年入|税后|工资|收入|净资产|总资产|资产|存款|身家|负债|欠款|欠债|房贷|理财';
const AMOUNT = new RegExp(
  `(?:${MONEY_WORD})(?:约|大概|大约|有|是|为|达到?|超过?|过|上|近|在|:| ){0,3}` +
    `(?:(\\d+(?:\\.\\d+)?|${CN_NUM}+|几|数)[ ]*(万|千|百|亿|w|k)?|(万|亿))`,
  'g',
);
const PROPERTY_COUNT = /名下(?:有)?(\d+|[一二两三四五六七八九十几多数])套(?:房产?|住房|房子|别墅)?/g;
const UNIT: Record<string, number> = { 万: 1e4, w: 1e4, 千: 1e3, k: 1e3, 百: 100, 亿: 1e8 };

/** Parses "3", "1.5", "百", "三十" with nzh; "几"/"数" count as an unknown but real amount. */
function amountValue(num: string | undefined): number | undefined {
  if (num === undefined || num === '几' || num === '数') return num ? 1 : undefined;
  if (/^\d/.test(num)) return Number(num);
  const decoded = Number(Nzh.cn.decodeS(num.replace(/两/g, '二').replace(/〇/g, '零')));
  return Number.isFinite(decoded) && decoded > 0 ? decoded : undefined;
}

export const detectIncomeAsset: Detector = (text) => {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const unit = m[2] ?? m[3];
    const value = m[3] ? 1 : amountValue(m[1]);
    if (value === undefined) continue;
    // Without a unit only a plausible salary-sized figure counts ("工资3" is not an amount).
    if ((unit === undefined ? value : value * UNIT[unit]!) < 1000) continue;
    hits.push({ category: 'fin.income_asset', rule: 'fin.income_asset/amount', start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(PROPERTY_COUNT)) {
    hits.push({ category: 'fin.income_asset', rule: 'fin.income_asset/property-count', start: m.index, end: m.index + m[0].length });
  }
  return hits;
};

// ---- children under 14 (PIPL Art. 31: guardian consent) ----
const KIN = '儿子|女儿|孩子|小孩|宝宝|孙子|孙女|外孙女|外孙|闺女|小朋友|子女|娃';
const STAGE = '幼儿园|托班|托儿所|学前班|小学|[一二三四五六1-6]年级|初一|早教';
const AGE = `(\\d{1,2}|[一二三四五六七八九十]{1,3})[ ]*(?:周岁|岁)`;
const BORN = `((?:19|20)\\d{2})[ ]*年?[ ]*(?:出生|生|出世)`;
const MINOR_AFTER = new RegExp(`(?:${KIN})[^,;.!?。，；！？]{0,6}?(?:${AGE}|(${STAGE})|${BORN})`, 'g');
const MINOR_BEFORE = new RegExp(`${AGE}(?:的|大的)?(?:${KIN})`, 'g');

export const detectMinor: Detector = (text, ctx) => {
  const hits: DetectorHit[] = [];
  const year = ctx.now.getUTCFullYear();
  for (const m of text.matchAll(MINOR_AFTER)) {
    const age = m[1] !== undefined ? smallNumber(m[1]) : m[3] !== undefined ? year - Number(m[3]) : undefined;
    if (m[2] === undefined && (age === undefined || age >= 14 || age < 0)) continue;
    hits.push({ category: 'spi.minor_u14', rule: 'spi.minor_u14/kin-age', start: m.index, end: m.index + m[0].length });
  }
  for (const m of text.matchAll(MINOR_BEFORE)) {
    const age = smallNumber(m[1]!);
    const end = m.index + m[0].length;
    if (age === undefined || age >= 14 || hits.some((h) => m.index < h.end && h.start < end)) continue;
    hits.push({ category: 'spi.minor_u14', rule: 'spi.minor_u14/age-kin', start: m.index, end });
  }
  return hits;
};

// ---- whereabouts: recurring time + place, hotel + room, coordinates ----
const RECURRING = new RegExp(
  `(?:每周[一二三四五六日天末]|每个?星期[一二三四五六日天]|每天|每晚|每日|每早|每个?周末|工作日)` +
    `(?:早上|上午|中午|下午|傍晚|晚上|晚|早)?[ ]*(?:\\d{1,2}|[一二三四五六七八九十]{1,3})[ ]*(?:点|时|:\\d{2})(?:半|\\d{1,2}分)?` +
    `[ ]*(?:都|会|一般|常)?(?:在|去|到)[\\u4e00-\\u9fffa-z0-9]{2,12}`,
  'g',
);
const HOTEL_ROOM = /(?:酒店|宾馆|旅馆|饭店|民宿|招待所|如家|汉庭|全季|希尔顿|万豪|锦江)[^,;。，；]{0,6}?\d{3,5}[ ]*(?:号房间|号房|房间|房|室)/g;
const COORDINATES = /(?<![\d.])-?\d{1,3}\.\d{4,}[ ]*,[ ]*-?\d{1,3}\.\d{4,}(?![\d.])/g;

export const detectWhereabouts: Detector = (text) => {
  const hits: DetectorHit[] = [];
  for (const [re, rule] of [[RECURRING, 'recurring'], [HOTEL_ROOM, 'hotel-room'], [COORDINATES, 'coordinates']] as const) {
    for (const m of text.matchAll(re)) {
      hits.push({ category: 'spi.whereabouts', rule: `spi.whereabouts/${rule}`, start: m.index, end: m.index + m[0].length });
    }
  }
  return hits;
};
