// The quarterly clean-up report as files an admin keeps or forwards: Markdown to read, CSV
// (UTF-8 with a BOM, CRLF, formula-safe cells) to sort in Excel. Words come from the catalog.
import Papa from 'papaparse';
import type { CleanupReport } from '../../../src-shared/team-api/catalog-governance';
import { t } from '../../i18n/zh-CN';

const g = t.governance;
const day = (iso: string | null): string | null => (iso ? iso.slice(0, 10) : null);

export function recommendationText(r: CleanupReport['recommendations'][number]): string {
  switch (r.code) {
    case 'delete_unused':
      return g.rec.delete_unused(r.count);
    case 'review_dormant':
      return g.rec.review_dormant(r.count);
    case 'merge_duplicate':
      return g.rec.merge_duplicate(r.keep, r.merge, r.reason);
    case 'split_group':
      return g.rec.split_group(r.groupName, r.tags);
    case 'run_expiry':
      return g.rec.run_expiry(r.assignments);
    case 'all_clear':
      return g.rec.all_clear;
  }
}

/** Markdown table cells cannot hold a pipe or a line break. */
const md = (s: string): string => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function reportMarkdown(r: CleanupReport): string {
  const out: string[] = [];
  out.push(`# ${g.reportTitle}`, '', g.reportPeriod(day(r.periodStart)!, day(r.generatedAt)!), '', g.reportTotals(r.totals.groups, r.totals.tags, r.totals.customers), '');
  out.push(`## ${g.secRecommendations}`, '', ...r.recommendations.map((x) => `- ${md(recommendationText(x))}`), '');
  const section = (title: string, rows: string[][], header: string[]) => {
    out.push(`## ${title}（${rows.length}）`, '');
    if (rows.length === 0) return out.push(g.none, '');
    out.push(`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(md).join(' | ')} |`), '');
  };
  const [, group, tag, customers, note] = g.csvHeader;
  section(g.secUnused, r.unused.map((u) => [u.groupName, u.tagName, g.unusedLine(day(u.lastUsedAt))]), [group, tag, note]);
  section(g.secDormant, r.dormant.map((u) => [u.groupName, u.tagName, String(u.customers), g.unusedLine(day(u.lastUsedAt))]), [group, tag, customers, note]);
  section(g.secDuplicates, r.duplicates.map((p) => [`${p.a.groupName}:${p.a.tagName}`, `${p.b.groupName}:${p.b.tagName}`, g.dupLine(p.reason, p.customersA, p.customersB)]), [tag, tag, note]);
  section(g.secOversized, r.oversizedGroups.map((o) => [o.groupName, g.oversizedLine(o.tags, o.limit)]), [group, note]);
  section(g.secExpired, r.expired.map((e) => [e.groupName, e.tagName, g.expiredLine(e.assignments, e.ttlHours)]), [group, tag, note]);
  return out.join('\n');
}

/** Excel runs a cell starting with = + - @ as a formula: prefix it so a tag name cannot. */
const safe = (v: string | number): string | number => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export function reportCsv(r: CleanupReport): string {
  const k = g.csvKinds;
  const rows: (string | number)[][] = [
    ...r.recommendations.map((x) => [k.recommendation, '', '', '', recommendationText(x)]),
    ...r.unused.map((u) => [k.unused, u.groupName, u.tagName, 0, g.unusedLine(day(u.lastUsedAt))]),
    ...r.dormant.map((u) => [k.dormant, u.groupName, u.tagName, u.customers, g.unusedLine(day(u.lastUsedAt))]),
    ...r.duplicates.map((p) => [k.duplicate, p.a.groupName, `${p.a.tagName} / ${p.b.tagName}`, p.customersA + p.customersB, g.dupLine(p.reason, p.customersA, p.customersB)]),
    ...r.oversizedGroups.map((o) => [k.oversized, o.groupName, '', '', g.oversizedLine(o.tags, o.limit)]),
    ...r.expired.map((e) => [k.expired, e.groupName, e.tagName, e.assignments, g.expiredLine(e.assignments, e.ttlHours)]),
  ];
  return `\uFEFF${Papa.unparse({ fields: [...g.csvHeader], data: rows.map((row) => row.map(safe)) }, { newline: '\r\n', quotes: false })}\r\n`;
}

/** Hands a text file to the browser's download (Blob URL, revoked after the click). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
