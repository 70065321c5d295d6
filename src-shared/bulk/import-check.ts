// Checks a tag import (a CSV already decoded and split into cells) before anything changes:
// maps the header to customer, member and tag columns, then reports every row-level problem
// with a suggestion — unknown customer, unknown tag (the closest existing one offered), a date
// or number typed into a tag column (「1992年8月生」), sensitive text the linter refuses,
// duplicates — and the per-relation changes of the rows that are fine. Pure and synchronous:
// the team server, the CLI's dry run and the benchmark run exactly this.
import type { TagGroup } from '../domain/tags';

export type ImportColumnRole =
  | { kind: 'customer' }
  | { kind: 'member' }
  | { kind: 'name' }
  /** Tag names of one group. */
  | { kind: 'group'; groupId: string }
  /** Tags as 组名:标签名 (or a bare name, when it is unique in the catalog). */
  | { kind: 'tags' }
  | { kind: 'ignore' };

export type ImportErrorCode =
  | 'missing_customer_column'
  | 'unknown_column'
  | 'missing_customer'
  | 'unknown_customer'
  | 'unknown_member'
  | 'unknown_tag'
  | 'not_a_tag'
  | 'sensitive'
  | 'duplicate'
  | 'no_tags';

export interface ImportError {
  /** The spreadsheet row: the header is row 1, the first customer row 2. */
  row: number;
  /** The header text of the column ('' for a whole-row problem). */
  column: string;
  code: ImportErrorCode;
  /** Chinese, for the person importing. */
  message: string;
  /** What to do instead, or null. */
  suggestion: string | null;
}

export interface ImportCustomer {
  name: string;
  /** Members in the importer's scope who follow the customer. */
  followers: readonly string[];
}

export interface ImportLintVerdict {
  verdict: 'ok' | 'warn' | 'replace' | 'approval' | 'block';
  message: string;
}

export interface ImportContext {
  catalog: readonly TagGroup[];
  customers: ReadonlyMap<string, ImportCustomer>;
  /** Lints a would-be tag text with the company's rules. */
  lint(text: string): ImportLintVerdict;
}

export interface ImportChange {
  row: number;
  userid: string;
  externalUserid: string;
  add: string[];
}

export interface ImportPreview {
  rows: number;
  ok: number;
  errors: ImportError[];
  columns: { header: string; role: ImportColumnRole }[];
  changes: ImportChange[];
  /** Distinct customers and tag assignments of the rows without errors. */
  customers: number;
  assignments: number;
}

const CUSTOMER_HEADERS = ['external_userid', 'externaluserid', '客户id', '外部联系人id', '客户编号', '客户userid'];
const MEMBER_HEADERS = ['userid', '跟进成员', '跟进人', '成员', '成员id', '员工账号', '跟进成员id', '负责人'];
const NAME_HEADERS = ['客户名称', '客户姓名', '姓名', '名称', 'name', '客户', '客户昵称'];
const TAGS_HEADERS = ['标签', '企业标签', 'tags', 'tag', '客户标签'];

const norm = (s: string): string => s.normalize('NFKC').replace(/[\s_-]/g, '').toLowerCase();
const SPLIT = /[,，、;；|｜\n]+/;

/** A date, a year-month, an age or a plain number: data, not a tag (「1992年8月生」, 「2023-05-01」, 「35岁」). */
export function looksLikeDateOrNumber(text: string): 'date' | 'number' | null {
  const t = text.normalize('NFKC').trim();
  if (/^(19|20)\d{2}\s*(年|[-/.])\s*\d{1,2}(\s*(月|[-/.])\s*(\d{1,2}\s*日?)?)?\s*(生|出生|生日)?$/.test(t)) return 'date';
  if (/^(19|20)\d{2}\s*年\s*(生|出生)?$/.test(t)) return 'date';
  if (/^\d{1,2}\s*月\s*\d{1,2}\s*日?\s*(生|生日)?$/.test(t)) return 'date';
  if (/^[+-]?[\d,，]*\.?\d+\s*(岁|元|万|万元|k|w|%|￥|¥)?$/i.test(t) || /^[¥￥]\s*[\d,，.]+$/.test(t)) return 'number';
  return null;
}

/** Levenshtein distance, bounded: returns max+1 as soon as the distance must exceed max. */
export function editDistance(a: string, b: string, max = 8): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest name: by edit distance, preferring one that contains the text or is contained in it. */
export function closest<T extends { name: string }>(text: string, candidates: readonly T[]): T | null {
  let best: T | null = null;
  let bestScore = Infinity;
  for (const c of candidates) {
    const contains = c.name.includes(text) || text.includes(c.name);
    const d = editDistance(text, c.name, Math.max(text.length, c.name.length));
    const score = d - (contains ? 0.5 * Math.min(text.length, c.name.length) : 0);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  // Nothing similar at all is no suggestion.
  if (!best) return null;
  const limit = Math.max(1, Math.ceil(Math.max(text.length, best.name.length) * 0.6));
  return bestScore <= limit ? best : null;
}

/** Maps header cells to roles: known aliases, then group names (also 「标签组:名」). Explicit mappings win. */
export function mapColumns(header: readonly string[], catalog: readonly TagGroup[], explicit: Readonly<Record<string, ImportColumnRole>> = {}): { header: string; role: ImportColumnRole | null }[] {
  const groups = catalog.filter((g) => !g.deleted);
  return header.map((raw) => {
    const h = raw.trim();
    if (explicit[h]) return { header: h, role: explicit[h] };
    const n = norm(h);
    if (CUSTOMER_HEADERS.includes(n)) return { header: h, role: { kind: 'customer' } };
    if (MEMBER_HEADERS.includes(n)) return { header: h, role: { kind: 'member' } };
    if (NAME_HEADERS.includes(n)) return { header: h, role: { kind: 'name' } };
    if (TAGS_HEADERS.includes(n)) return { header: h, role: { kind: 'tags' } };
    const groupName = h.replace(/^(标签组|分组)\s*[:：]\s*/, '');
    const g = groups.find((x) => x.name === groupName) ?? groups.find((x) => norm(x.name) === norm(groupName));
    if (g) return { header: h, role: { kind: 'group', groupId: g.id } };
    if (h === '') return { header: h, role: { kind: 'ignore' } };
    return { header: h, role: null };
  });
}

export function checkImport(header: readonly string[], rows: readonly (readonly string[])[], ctx: ImportContext, explicit: Readonly<Record<string, ImportColumnRole>> = {}): ImportPreview {
  const errors: ImportError[] = [];
  const mapped = mapColumns(header, ctx.catalog, explicit);
  const groups = ctx.catalog.filter((g) => !g.deleted);
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const allTags = groups.flatMap((g) => g.tags.filter((t) => !t.deleted).map((t) => ({ id: t.id, name: t.name, groupName: g.name })));
  const tagsByName = new Map<string, typeof allTags>();
  for (const t of allTags) tagsByName.set(t.name, [...(tagsByName.get(t.name) ?? []), t]);
  const groupTagIndex = new Map(groups.map((g) => [g.id, new Map(g.tags.filter((t) => !t.deleted).map((t) => [t.name, t.id]))]));
  const lintMemo = new Map<string, ImportLintVerdict>();
  const lint = (text: string): ImportLintVerdict => {
    let v = lintMemo.get(text);
    if (!v) lintMemo.set(text, (v = ctx.lint(text)));
    return v;
  };
  const customerNames = new Map<string, string[]>();
  for (const [id, c] of ctx.customers) if (c.name) customerNames.set(c.name, [...(customerNames.get(c.name) ?? []), id]);

  for (const m of mapped) {
    if (m.role !== null) continue;
    const near = closest(m.header, groups);
    errors.push({ row: 1, column: m.header, code: 'unknown_column', message: `无法识别列「${m.header}」，这一列不会导入`, suggestion: near ? `是否指标签组「${near.name}」？` : '列名应为客户ID、跟进成员、标签，或已有标签组的名称' });
  }
  const col = (kind: ImportColumnRole['kind']): number => mapped.findIndex((m) => m.role?.kind === kind);
  const customerCol = col('customer');
  const memberCol = col('member');
  const nameCol = col('name');
  const tagCols = mapped.map((m, i) => ({ ...m, i })).filter((m) => m.role?.kind === 'group' || m.role?.kind === 'tags');
  if (customerCol < 0) {
    errors.push({ row: 1, column: '', code: 'missing_customer_column', message: '缺少客户ID列（external_userid），无法确定要给哪位客户打标签', suggestion: '在第一行加一列「客户ID」，填写企业微信的 external_userid' });
    return { rows: rows.length, ok: 0, errors, columns: mapped.map((m) => ({ header: m.header, role: m.role ?? { kind: 'ignore' } })), changes: [], customers: 0, assignments: 0 };
  }

  const changes: ImportChange[] = [];
  const seenPairs = new Map<string, number>();
  let ok = 0;
  rows.forEach((cells, index) => {
    const row = index + 2;
    const before = errors.length;
    const cell = (i: number): string => (i >= 0 ? (cells[i] ?? '').trim() : '');
    const external = cell(customerCol);
    const rowName = cell(nameCol);
    let customer: ImportCustomer | undefined;
    if (!external) {
      const byName = rowName ? customerNames.get(rowName) : undefined;
      errors.push({ row, column: mapped[customerCol]!.header, code: 'missing_customer', message: '客户ID为空', suggestion: byName?.length === 1 ? `按名称「${rowName}」找到客户 ${byName[0]}，请填入客户ID` : '请填写企业微信的 external_userid' });
    } else {
      customer = ctx.customers.get(external);
      if (!customer) {
        const byName = rowName ? customerNames.get(rowName) : undefined;
        errors.push({ row, column: mapped[customerCol]!.header, code: 'unknown_customer', message: `找不到客户「${external}」，或不在你可管理的范围内`, suggestion: byName?.length === 1 ? `按名称「${rowName}」找到客户 ${byName[0]}，是否填错了客户ID？` : '请核对客户ID（external_userid）' });
      }
    }
    let members: readonly string[] = customer?.followers ?? [];
    const member = cell(memberCol);
    if (customer && member) {
      if (!customer.followers.includes(member)) {
        errors.push({ row, column: mapped[memberCol]!.header, code: 'unknown_member', message: `成员「${member}」没有跟进这位客户，或不在你可管理的范围内`, suggestion: customer.followers.length ? `跟进这位客户的成员：${customer.followers.slice(0, 5).join('、')}` : null });
        members = [];
      } else {
        members = [member];
      }
    }
    const add: string[] = [];
    for (const tc of tagCols) {
      const values = cell(tc.i).split(SPLIT).map((v) => v.trim()).filter(Boolean);
      for (const value of values) {
        const role = tc.role!;
        let id: string | undefined;
        let candidates: { name: string; label: string }[];
        if (role.kind === 'group') {
          id = groupTagIndex.get(role.groupId)?.get(value);
          candidates = (groupById.get(role.groupId)?.tags ?? []).filter((t) => !t.deleted).map((t) => ({ name: t.name, label: t.name }));
        } else {
          const m = /^(.+?)\s*[:：]\s*(.+)$/.exec(value);
          if (m) {
            const g = groups.find((x) => x.name === m[1]);
            id = g ? groupTagIndex.get(g.id)?.get(m[2]!) : undefined;
          } else {
            const same = tagsByName.get(value) ?? [];
            if (same.length === 1) id = same[0]!.id;
            else if (same.length > 1) {
              errors.push({ row, column: tc.header, code: 'unknown_tag', message: `标签「${value}」在多个标签组里都有`, suggestion: `请写成「${same[0]!.groupName}:${value}」这样的 组名:标签名` });
              continue;
            }
          }
          candidates = allTags.map((t) => ({ name: t.name, label: `${t.groupName}:${t.name}` }));
        }
        if (id) {
          if (add.includes(id)) errors.push({ row, column: tc.header, code: 'duplicate', message: `标签「${value}」在这一行重复出现`, suggestion: '删除重复的标签' });
          else add.push(id);
          continue;
        }
        const kind = looksLikeDateOrNumber(value);
        if (kind) {
          errors.push({ row, column: tc.header, code: 'not_a_tag', message: `「${value}」是${kind === 'date' ? '日期' : '数字'}，不是标签`, suggestion: kind === 'date' ? '日期（如出生年月）不要写进标签列；确需记录请用客户备注，并注意个人信息合规' : '数字（金额、年龄等）不要写进标签列；请改用已有的分级标签' });
          continue;
        }
        const verdict = lint(value);
        if (verdict.verdict === 'block' || verdict.verdict === 'approval') {
          errors.push({ row, column: tc.header, code: 'sensitive', message: verdict.message || `「${value}」包含敏感信息`, suggestion: '敏感内容不能通过导入写入，请删除或改用合规的标签' });
          continue;
        }
        const near = closest(value, candidates);
        errors.push({ row, column: tc.header, code: 'unknown_tag', message: `标签库里没有「${value}」`, suggestion: near ? `是否指「${near.label}」？` : '请先在标签库中创建该标签，或改用已有标签' });
      }
    }
    if (tagCols.length > 0 && add.length === 0 && errors.length === before) {
      errors.push({ row, column: '', code: 'no_tags', message: '这一行没有要添加的标签', suggestion: null });
    }
    if (customer && external) {
      for (const userid of members) {
        const key = `${userid}\u0001${external}`;
        const first = seenPairs.get(key);
        if (first !== undefined) {
          errors.push({ row, column: mapped[customerCol]!.header, code: 'duplicate', message: `与第 ${first} 行是同一位客户${member ? '和跟进成员' : ''}`, suggestion: `把两行的标签合并到第 ${first} 行，删除这一行` });
          break;
        }
      }
      for (const userid of members) if (!seenPairs.has(`${userid}\u0001${external}`)) seenPairs.set(`${userid}\u0001${external}`, row);
    }
    if (errors.length === before) {
      ok++;
      for (const userid of members) changes.push({ row, userid, externalUserid: external, add });
    }
  });
  return {
    rows: rows.length,
    ok,
    errors,
    columns: mapped.map((m) => ({ header: m.header, role: m.role ?? { kind: 'ignore' } })),
    changes,
    customers: new Set(changes.map((c) => c.externalUserid)).size,
    assignments: changes.reduce((n, c) => n + c.add.length, 0),
  };
}
