// The local store at company scale: 200,000 customers, ~300,000 follow relations and ~2,000,000
// base-snapshot tag links in a file store (WAL + synchronous=FULL, as shipped). Reports the
// load rate (1,000 records per transaction: ten batch/get_by_user pages), search p50/p95 for the
// queries staff type, the panel read p50/p95, file size and RSS. Baseline in the same run: a
// plain LIKE scan over customer names, what search would cost without precomputed terms.
// Targets (issue 5): search p95 < 10 ms, panel p95 < 1 ms.
// Run: node --import tsx tests/bench/store.bench.ts   (STORE_BENCH_CUSTOMERS=20000 for a quick run)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, storeHealth } from '../../src-main/store/database';
import { replaceCatalog, type CatalogGroupInput } from '../../src-main/store/catalog';
import { upsertMembers } from '../../src-main/store/directory';
import { applyFollowRecords, type FollowRecord } from '../../src-main/store/customers';
import { searchCustomers } from '../../src-main/store/search';
import { readPanel } from '../../src-main/store/panel';
import { enqueueOp } from '../../src-main/store/outbox';
import { assignPersonalTag, createPersonalTag } from '../../src-main/store/personal-tags';
import { nameSpellings } from '../../src-main/store/search-terms';
import { beginBulkLoad } from '../../src-main/store/sql';
import { emit, percentile, round, sampleMicros } from './harness';

const CUSTOMERS = Number(process.env.STORE_BENCH_CUSTOMERS ?? 200_000);
const MEMBERS = 60;
// Records per transaction: ten batch/get_by_user pages (100 each) per commit on a full load.
const BATCH = 1_000;
const SAMPLES = 2_000;
const BENCH = 'store';

// Deterministic data: a seeded LCG, so every run builds the same company.
let seed = 5_2026_1122;
const rand = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

// Common surnames weighted by repetition, plus polyphonic ones (单 曾 解 区 仇 朴) and compounds.
const SURNAMES = [...'王王王李李李张张张刘刘陈陈杨杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解区仇朴'.split(''), '欧阳', '司马', '上官'];
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌宇浩凯晨欣怡佳琪子涵梓轩雨萱博文思远嘉怡晓东小贤田'.split('');
const TITLES = ['总', '经理', '部长', '姐', '哥', '老师', '主任', '老板'];
const COMPANIES = ['腾讯科技', '阿里巴巴', '华为技术', '小米通讯', '字节跳动', '美团', '京东', '网易', '百度', '比亚迪', '宁德时代', '顺丰速运', '格力电器', '海尔智家', '万科企业', '平安保险', '招商银行', '中信证券', '恒瑞医药', '药明康德'];
const CITIES = ['上海', '北京', '深圳', '杭州', '广州', '成都', '南京', '苏州', '武汉', '西安'];
const NOTES = ['老客户', '展会认识', '朋友介绍', '价格敏感', '决策人', '采购', '续费', '试用中'];

const catalog: CatalogGroupInput[] = Array.from({ length: 12 }, (_, g) => ({
  groupId: `grp${g}`, name: `标签组${g}`, order: 100 - g, origin: g < 3 ? 'app' : 'console',
  tags: Array.from({ length: 25 }, (_, t) => ({ tagId: `tag${g}-${t}`, name: `标签${g}-${t}`, order: 50 - t })),
}));
const allTagIds = catalog.flatMap((g) => g.tags.map((t) => t.tagId));
const memberIds = Array.from({ length: MEMBERS }, (_, i) => `member${i}`);

function customerName(): string {
  return pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
}

function* followRecords(): Generator<FollowRecord> {
  for (let i = 0; i < CUSTOMERS; i++) {
    const name = customerName();
    const partner = rand() < 0.3;
    const corp = pick(COMPANIES);
    const customer = {
      externalUserid: `wm${i.toString(36).padStart(8, '0')}`, name, type: partner ? (2 as const) : (1 as const),
      corpName: partner ? corp : null, corpFullName: partner ? `${pick(CITIES)}${corp}有限公司` : null,
    };
    // ~1.5 relations per customer, ~6.7 tags each: ~2,000,000 links over 200,000 customers
    const relations = rand() < 0.5 ? 2 : 1;
    const firstMember = int(0, MEMBERS - 1);
    for (let r = 0; r < relations; r++) {
      const tags = new Set<string>();
      const n = int(2, 11);
      while (tags.size < n) tags.add(pick(allTagIds));
      const remarkRoll = rand();
      yield {
        customer,
        relation: {
          memberUserid: memberIds[(firstMember + r * 7) % MEMBERS]!,
          remark: remarkRoll < 0.4 ? `${name[0]}${pick(TITLES)}` : remarkRoll < 0.6 ? `${name}-${pick(NOTES)}` : '',
          description: rand() < 0.2 ? pick(NOTES) : '',
          remarkCorpName: !partner && rand() < 0.2 ? pick(COMPANIES) : null,
          remarkMobiles: rand() < 0.7 ? [`1${int(30, 99)}${String(int(0, 99_999_999)).padStart(8, '0')}`] : [],
          addTime: 1_600_000_000 + int(0, 150_000_000), addWay: 1, tagIds: [...tags],
        },
      };
    }
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'tagdesk-store-bench-'));
const file = path.join(dir, 'store.sqlite');
const db = openDatabase(file);
replaceCatalog(db, catalog);
upsertMembers(db, memberIds.map((userid, i) => ({ userid, name: `员工${i}` })));

// Load: only the apply calls are timed (generation is the API's part).
const sampleCustomers: Array<{ ext: string; name: string; member: string; mobile: string | null; remark: string; corp: string | null }> = [];
let applyMs = 0;
let links = 0;
let relations = 0;
let batch: FollowRecord[] = [];
const flush = (): void => {
  const t0 = performance.now();
  applyFollowRecords(db, batch);
  applyMs += performance.now() - t0;
  batch = [];
};
const endBulkLoad = beginBulkLoad(db);
for (const rec of followRecords()) {
  batch.push(rec);
  relations++;
  links += rec.relation.tagIds!.length;
  if (rand() < 0.02) {
    sampleCustomers.push({ ext: rec.customer.externalUserid, name: rec.customer.name, member: rec.relation.memberUserid,
      mobile: rec.relation.remarkMobiles?.[0] ? String(rec.relation.remarkMobiles[0]) : null, remark: rec.relation.remark ?? '', corp: rec.customer.corpName ?? null });
  }
  if (batch.length >= BATCH) flush();
}
if (batch.length) flush();
endBulkLoad();
const rssAfterLoad = process.memoryUsage().rss;

emit({ bench: BENCH, metric: 'load_customers_per_s', value: round(CUSTOMERS / (applyMs / 1000), 0), unit: 'customers/s',
  note: `${CUSTOMERS} customers, ${relations} relations, ${links} tag links, ${BATCH} records per transaction, bulk-load checkpointing, file store WAL+FULL, ${round(applyMs / 1000, 1)} s` });

// Some live outbox and personal state, so the panel read folds real ops.
const personal = Array.from({ length: 20 }, (_, i) => createPersonalTag(db, `私人标签${i}`));
for (let i = 0; i < 1000; i++) {
  const s = sampleCustomers[i % sampleCustomers.length]!;
  enqueueOp(db, { memberUserid: s.member, externalUserid: s.ext, kind: i % 3 ? 'add' : 'remove', tagId: pick(allTagIds) });
  assignPersonalTag(db, s.ext, pick(personal).id);
}

// Queries staff type, drawn from customers that exist.
const queries: Record<string, string[]> = { initials: [], full_pinyin: [], name_prefix: [], mobile_tail: [], remark: [], company: [] };
for (const s of sampleCustomers) {
  const sp = nameSpellings(s.name);
  queries.initials!.push(sp.initials[0]!);
  queries.full_pinyin!.push(sp.full[0]!);
  queries.name_prefix!.push([...s.name].slice(0, 2).join(''));
  if (s.mobile) queries.mobile_tail!.push(s.mobile.slice(-4));
  if (s.remark) queries.remark!.push(s.remark.includes('-') ? s.remark.split('-')[1]! : s.remark);
  if (s.corp) queries.company!.push(s.corp.slice(0, 2));
}

const recent = sampleCustomers.slice(0, 20).map((s) => s.ext);
for (const [kind, qs] of Object.entries(queries)) {
  let found = 0;
  const lat = sampleMicros(SAMPLES, (i) => {
    found += searchCustomers(db, qs[i % qs.length]!, { limit: 20, recent, memberUserid: 'member0' }).length > 0 ? 1 : 0;
  }, 200);
  emit({ bench: BENCH, metric: `search_${kind}_p50_ms`, value: round(percentile(lat, 50) / 1000, 3), unit: 'ms' });
  emit({ bench: BENCH, metric: `search_${kind}_p95_ms`, value: round(percentile(lat, 95) / 1000, 3), unit: 'ms', target: 10, targetKind: 'max',
    note: `${SAMPLES} queries, ${round((100 * found) / (SAMPLES + 200), 1)}% with hits, limit 20, 20 recent customers` });
}

// Baseline: the mobile tail as a LIKE scan over the relations, what it costs without the
// reversed-number terms (a rare tail scans nearly every row before finding 20).
const tails = queries.mobile_tail!;
const likeScan = db.prepare(`SELECT customer_id FROM follow_relations WHERE remark_mobiles LIKE ? LIMIT 20`);
const base = sampleMicros(50, (i) => { likeScan.all(`%${tails[i % tails.length]!}"%`); }, 5);
const tailP95 = percentile(sampleMicros(SAMPLES, (i) => { searchCustomers(db, tails[i % tails.length]!); }, 200), 95);
emit({ bench: BENCH, metric: 'search_mobile_tail_p95_ms_vs_like_scan', value: round(tailP95 / 1000, 3), unit: 'ms',
  baseline: { metric: 'like_scan_p95_ms', value: round(percentile(base, 95) / 1000, 3), unit: 'ms', ratio: round(percentile(base, 95) / tailP95, 1) } });

const panel = sampleMicros(SAMPLES * 5, (i) => {
  const s = sampleCustomers[i % sampleCustomers.length]!;
  readPanel(db, s.member, s.ext);
}, 500);
emit({ bench: BENCH, metric: 'panel_read_p50_ms', value: round(percentile(panel, 50) / 1000, 3), unit: 'ms' });
emit({ bench: BENCH, metric: 'panel_read_p95_ms', value: round(percentile(panel, 95) / 1000, 3), unit: 'ms', target: 1, targetKind: 'max',
  note: `${SAMPLES * 5} reads, own relation with ~6.7 tags, colleagues, 1,000 live ops, personal tags` });

const tCheck = performance.now();
const health = storeHealth(db);
emit({ bench: BENCH, metric: 'self_check_ms', value: round(performance.now() - tCheck, 0), unit: 'ms', note: 'storeHealth: quick_check + foreign_key_check, warm' });
db.close();
emit({ bench: BENCH, metric: 'store_file_mb', value: round(statSync(file).size / 2 ** 20, 1), unit: 'MiB', note: `integrity ${health.integrity}, SQLite ${health.sqliteVersion}` });
emit({ bench: BENCH, metric: 'rss_after_load_mb', value: round(rssAfterLoad / 2 ** 20, 0), unit: 'MiB' });
emit({ bench: BENCH, metric: 'rss_end_mb', value: round(process.memoryUsage().rss / 2 ** 20, 0), unit: 'MiB', note: 'main-process RSS with the store open and warmed' });
rmSync(dir, { recursive: true, force: true });
