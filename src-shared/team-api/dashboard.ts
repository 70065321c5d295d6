// The dashboard's figures and the company-descriptor exchange as the team server sends them;
// both the desktop's client and the IPC contract validate with these.
import { z } from 'zod';
import { companyDescriptorSchema } from '../policy/company-descriptor';

const count = z.number().int().min(0);

export const DASHBOARD_TREND_DAYS = 14;
export const DASHBOARD_WINDOW_DAYS = 30;

export const dashboardSchema = z.object({
  /** Whose figures these are: a supervisor's team or the whole company (admins). */
  scope: z.object({ kind: z.enum(['team', 'company']), members: count, memberIds: z.array(z.string()) }),
  generatedAt: z.string(),
  customers: count,
  relations: count,
  /** Customers in scope with at least one enterprise tag on a relation in scope. */
  taggedCustomers: count,
  /** Distinct customers per tag, over the relations in scope; groups in catalog order. */
  tagDistribution: z.array(z.object({ groupId: z.string(), groupName: z.string(), tags: z.array(z.object({ tagId: z.string(), tagName: z.string(), customers: count })) })),
  /** Tags added and removed per China-time day by the scope's members (server audit chain). */
  trend: z.array(z.object({ day: z.string(), added: count, removed: count })),
  /** Automatic assignments per rule in the last 30 days on relations in scope. */
  ruleHits: z.array(z.object({ ruleId: z.string(), ruleName: z.string(), assignments: count, customers: count, reverted: count })),
  /** Approval requests on relations in scope. */
  approvals: z.object({
    pending: count,
    /** Pending past their deadline. */
    overdue: count,
    /** Approved or rejected in the last 30 days. */
    decided: count,
    /** Left undecided until their deadline passed, in the last 30 days (missed the SLA). */
    expired: count,
    /** Of `decided`, how many before their deadline. */
    withinSla: count,
    medianHours: z.number().nullable(),
    p90Hours: z.number().nullable(),
  }),
  /** Desktops of the scope's members by when they last reached the team server: within a day, within `staleDays`, longer ago, never. */
  sync: z.object({ members: count, membersWithDevice: count, devices: count, fresh: count, recent: count, stale: count, never: count, relayWrites7d: count, staleDays: count }),
  /** RFM R × M quadrants of the customers in scope that have orders. */
  rfm: z.object({ scored: count, quadrants: z.record(z.string(), count) }),
  /** Company knowledge: customers in scope per standard descriptor (shared by members with consent). */
  descriptors: z.array(z.object({ descriptorId: z.string(), name: z.string(), customers: count })),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** A grant id: random, made on the device per consent, so the server can withdraw what one consent shared without knowing whose it was. */
export const descriptorGrantIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, { error: '授权 ID 格式不正确' });

/** What leaves the device for one consent: the descriptor and the customers, nothing else. */
export const descriptorGrantSchema = z.strictObject({
  descriptorId: companyDescriptorSchema.shape.id,
  externalUserids: z.array(z.string().min(1).max(128)).max(20_000, { error: '一次最多共享 20,000 位客户' }),
});
export type DescriptorGrant = z.infer<typeof descriptorGrantSchema>;

export const descriptorListSchema = z.object({ descriptors: z.array(companyDescriptorSchema) });
export const descriptorPublishedSchema = z.object({ grantId: z.string(), customers: count });
