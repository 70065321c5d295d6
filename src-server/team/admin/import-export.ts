// Tag imports and customer exports on the team server. An import is checked by the core's
// checkImport against WeCom's current relations in the importer's scope and the company's
// linter; committing re-checks the same file and starts one batch (source `import`), so an
// import is undone like any batch. Exports list the relations the exporter may see, with the
// tag groups they may see — personal tags never reach the server, so they cannot leak here.
import { checkImport, type ImportColumnRole, type ImportCustomer, type ImportPreview } from '../../../src-shared/bulk/import-check';
import type { TeamContext } from '../context';
import { relationsInScope, relationKey, type RelationRow } from './relations';
import { catalogGroups, select, type Selector } from './selection';
import { decodeCsv, parseCsv, writeCsv, type CsvEncoding } from './csv';
import { TeamHttpError } from '../http/respond';
import type { BatchProgress } from '../batches/batch-service';

export interface ImportRun {
  preview: ImportPreview;
  encoding: CsvEncoding;
  relations: RelationRow[];
}

export async function runImportCheck(ctx: TeamContext, viewer: string, bytes: Uint8Array, mapping: Record<string, ImportColumnRole> = {}): Promise<ImportRun> {
  const { text, encoding } = decodeCsv(bytes);
  const { header, rows } = parseCsv(text);
  if (header.length === 0) throw new TeamHttpError('bad_request', 'empty file', '文件是空的，没有可导入的内容。');
  const [relations, catalog] = await Promise.all([relationsInScope(ctx, viewer), catalogGroups(ctx)]);
  const customers = new Map<string, ImportCustomer & { followers: string[] }>();
  for (const r of relations) {
    const c = customers.get(r.externalUserid) ?? { name: r.customerName, followers: [] };
    c.followers.push(r.userid);
    customers.set(r.externalUserid, c);
  }
  const linter = ctx.rulePacks.linterFor(ctx.policy.current());
  const preview = checkImport(header, rows, {
    catalog,
    customers,
    lint(value) {
      const r = linter.lint(value, { field: 'tag' });
      const first = r.findings.find((f) => f.action === r.verdict) ?? r.findings[0];
      return { verdict: r.verdict, message: first?.message ?? '' };
    },
  }, mapping);
  return { preview, encoding, relations };
}

export async function commitImport(ctx: TeamContext, viewer: string, bytes: Uint8Array, opts: { mapping?: Record<string, ImportColumnRole>; title?: string; skipErrors?: boolean; fileName?: string }): Promise<{ batch: BatchProgress; preview: ImportPreview }> {
  const { preview, relations } = await runImportCheck(ctx, viewer, bytes, opts.mapping);
  if (preview.errors.length > 0 && !opts.skipErrors) {
    throw new TeamHttpError('conflict', `the import has ${preview.errors.length} errors`, `导入文件有 ${preview.errors.length} 处问题，请先修正，或选择跳过有问题的行后再导入。`);
  }
  if (preview.changes.length === 0) throw new TeamHttpError('bad_request', 'nothing to import', '没有可导入的行，未做任何更改。');
  const current = new Map(relations.map((r) => [relationKey(r.userid, r.externalUserid), r.tagIds] as const));
  const followers = new Map<string, string[]>();
  for (const r of relations) followers.set(r.externalUserid, [...(followers.get(r.externalUserid) ?? []), r.userid]);
  const batch = await ctx.batches.create({
    kind: 'import', source: 'import', title: opts.title ?? `导入${opts.fileName ? `「${opts.fileName}」` : ''}（${preview.ok} 行）`, actor: viewer,
    changes: preview.changes.map((c) => ({ userid: c.userid, externalUserid: c.externalUserid, add: c.add, remove: [] })),
    current, followers, meta: { rows: preview.rows, ok: preview.ok, skipped: preview.rows - preview.ok, fileName: opts.fileName ?? null },
  });
  return { batch, preview };
}

const fmtTime = (sec: number): string => (sec > 0 ? new Date(sec * 1000).toISOString().replace('T', ' ').slice(0, 19) : '');

/** Customers with tags as CSV for Excel: one row per relation in scope, one column per visible group. */
export async function exportCustomersCsv(ctx: TeamContext, viewer: string, selector: Selector | null): Promise<{ csv: string; rows: number }> {
  const relations = selector ? (await select(ctx, viewer, selector)).relations : await relationsInScope(ctx, viewer);
  const visible = ctx.governance.visibleGroups({ userid: viewer, deviceId: 'export' });
  const groups = (await catalogGroups(ctx)).filter((g) => !visible || visible(g.id));
  const tagToGroup = new Map(groups.flatMap((g) => g.tags.map((t) => [t.id, { group: g.id, name: t.name }] as const)));
  const lastChange = new Map(
    (ctx.db.prepare(`SELECT member, customer, MAX(at) AS at FROM audit_events WHERE action IN ('tag.add', 'tag.remove') AND customer IS NOT NULL GROUP BY member, customer`).all() as { member: string; customer: string; at: string }[])
      .map((r) => [relationKey(r.member, r.customer), r.at] as const),
  );
  const header = ['客户ID', '客户名称', '企业名称', '跟进成员ID', '跟进成员', '添加时间', ...groups.map((g) => g.name), '标签数', '最近标签变更'];
  const rows = relations.map((r) => {
    const byGroup = new Map<string, string[]>();
    let count = 0;
    for (const id of r.tagIds) {
      const t = tagToGroup.get(id);
      if (!t) continue;
      count++;
      byGroup.set(t.group, [...(byGroup.get(t.group) ?? []), t.name]);
    }
    return [
      r.externalUserid, r.customerName, r.corpName, r.userid, ctx.directory.member(r.userid)?.name ?? '', fmtTime(r.createtime),
      ...groups.map((g) => (byGroup.get(g.id) ?? []).join('、')), count, (lastChange.get(relationKey(r.userid, r.externalUserid)) ?? '').replace('T', ' ').slice(0, 19),
    ];
  });
  ctx.audit.append({ actor: viewer, source: 'ui', action: 'customers.export', target: { kind: 'catalog' }, before: null, after: { rows: rows.length, ...(selector?.query ? { query: selector.query } : {}) } });
  return { csv: writeCsv(header, rows), rows: rows.length };
}
