// The desktop's client of the team server's administration API (batches, bulk tagging, import
// and export, catalog, recycle bin, snapshots). Answers are validated with the shared schemas;
// errors come back as the team client's TeamApiError / TeamUnreachableError.
import { z } from 'zod';
import {
  batchItemSchema, batchSchema, handoverSchema, handoverSummarySchema, handoverPreviewSchema, handoverCandidateSchema, handoverCustomerSchema, bulkPreviewSchema, catalogDiffSchema, catalogGroupSchema, deleteOutcomeSchema, importCommitSchema, importPreviewSchema,
  nearDuplicateSchema, recycleEntrySchema, tagUsageSchema, snapshotSchema, tagsAsOfSchema, wecomGroupSchema,
} from '../../src-shared/team-api/admin';
import { TeamApiError, createTeamTransport } from './team-api-client';

export function createAdminApiClient(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch) {
  const transport = createTeamTransport(baseUrl, fetchImpl);
  const send = (method: string, path: string, body?: unknown, timeoutMs = 60_000): Promise<Response> => transport.send(method, path, { token, body, timeoutMs });
  const request = <S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.output<S>> =>
    transport.request(method, path, schema, { token, body, timeoutMs: 60_000 });
  const enc = encodeURIComponent;
  return {
    bulkPreview: (body: unknown) => request('POST', '/team/v1/bulk/preview', bulkPreviewSchema, body),
    bulkStart: (body: unknown) => request('POST', '/team/v1/bulk', batchSchema, body),
    batches: () => request('GET', '/team/v1/batches', z.object({ batches: z.array(batchSchema) })),
    batch: (id: string) => request('GET', `/team/v1/batches/${enc(id)}`, batchSchema),
    batchItems: (id: string, q: { status?: string; offset: number; limit: number }) =>
      request('GET', `/team/v1/batches/${enc(id)}/items?${new URLSearchParams({ ...(q.status ? { status: q.status } : {}), offset: String(q.offset), limit: String(q.limit) }).toString()}`, z.object({ items: z.array(batchItemSchema) })),
    batchAction: (id: string, action: 'pause' | 'resume' | 'cancel' | 'undo') => request('POST', `/team/v1/batches/${enc(id)}/${action}`, batchSchema),
    importPreview: (body: unknown) => request('POST', '/team/v1/import/preview', importPreviewSchema, body),
    importCommit: (body: unknown) => request('POST', '/team/v1/import/commit', importCommitSchema, body),
    async exportCustomers(body: unknown): Promise<{ csv: string; rows: number; fileName: string }> {
      const res = await send('POST', '/team/v1/export/customers', body, 120_000);
      if (!res.ok) {
        const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string; userMessage: string } } | null;
        const e = json?.error ?? { code: 'internal', message: `HTTP ${res.status}`, userMessage: '导出失败。' };
        throw new TeamApiError(res.status, e.code, e.message, e.userMessage);
      }
      const fileName = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'customers.csv';
      // Keep the BOM: it is what makes Excel read the file as UTF-8 (Response.text() drops it).
      return { csv: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer()), rows: Number(res.headers.get('x-tagdesk-rows') ?? 0), fileName };
    },
    catalog: () => request('GET', '/team/v1/catalog', z.object({ groups: z.array(catalogGroupSchema) })),
    createGroup: (body: unknown) => request('POST', '/team/v1/catalog/groups', wecomGroupSchema, body),
    addTags: (groupId: string, body: unknown) => request('POST', `/team/v1/catalog/groups/${enc(groupId)}/tags`, wecomGroupSchema, body),
    edit: (id: string, body: unknown) => request('POST', `/team/v1/catalog/items/${enc(id)}/edit`, z.object({ edited: z.string() }), body),
    deleteTags: (body: unknown) => request('POST', '/team/v1/catalog/delete', deleteOutcomeSchema, body),
    recycleBin: (all: boolean) => request('GET', `/team/v1/recycle-bin${all ? '?all=1' : ''}`, z.object({ entries: z.array(recycleEntrySchema) })),
    restore: (id: string) => request('POST', `/team/v1/recycle-bin/${enc(id)}/restore`, z.object({ entry: recycleEntrySchema, batch: batchSchema.nullable() })),
    snapshots: () => request('GET', '/team/v1/snapshots', z.object({ snapshots: z.array(snapshotSchema) })),
    takeSnapshot: (reason?: string) => request('POST', '/team/v1/snapshots', snapshotSchema, reason ? { reason } : {}),
    snapshotDiff: (id: string) => request('GET', `/team/v1/snapshots/${enc(id)}/diff`, catalogDiffSchema),
    usage: () => request('GET', '/team/v1/governance/usage', z.object({ tags: z.array(tagUsageSchema), unused: z.array(z.string()) })),
    duplicates: (minScore?: number) => request('GET', `/team/v1/governance/duplicates${minScore !== undefined ? `?minScore=${minScore}` : ''}`, z.object({ pairs: z.array(nearDuplicateSchema) })),
    merge: (body: unknown) => request('POST', '/team/v1/governance/merge', batchSchema, body),
    handoverStart: (body: unknown) => request('POST', '/team/v1/handovers', handoverSchema, body),
    handoverCandidates: () => request('GET', '/team/v1/handovers/candidates', z.object({ members: z.array(handoverCandidateSchema) })),
    handoverCustomers: (kind: string, userid: string) => request('GET', `/team/v1/handovers/customers?${new URLSearchParams({ kind, userid }).toString()}`, z.object({ customers: z.array(handoverCustomerSchema) })),
    handoverPreview: (body: unknown) => request('POST', '/team/v1/handovers/preview', handoverPreviewSchema, body),
    handovers: () => request('GET', '/team/v1/handovers', z.object({ handovers: z.array(handoverSummarySchema) })),
    handover: (id: string) => request('GET', `/team/v1/handovers/${enc(id)}`, handoverSchema),
    handoverRefresh: (id: string) => request('POST', `/team/v1/handovers/${enc(id)}/refresh`, handoverSchema),
    tagsAsOf: (externalUserid: string, at: string) => request('GET', `/team/v1/customers/${enc(externalUserid)}/tags-as-of?at=${enc(new Date(at).toISOString())}`, tagsAsOfSchema),
  };
}

export type AdminApiClient = ReturnType<typeof createAdminApiClient>;
