// The one list of team-server route modules. Each concern adds its module here once.
import type { Route } from '../http/router';
import { sessionRoutes } from './session';
import { deviceRoutes } from './devices';
import { eventRoutes } from './events';
import { approvalRoutes } from './approvals';
import { toolbarRoutes } from './toolbar';
import { policyRoutes, ruleRoutes } from './policy';
import { auditRoutes } from './audit';
import { muteRoutes } from './mute';
import { batchRoutes } from './batches';
import { importRoutes } from './imports';
import { catalogRoutes } from './catalog';
import { catalogGovernanceRoutes } from './catalog-governance';
import { channelCodeRoutes } from './channel-codes';
import { guardRoutes } from './guard';
import { doctorRoutes } from './doctor';
import { handoverRoutes } from './handovers';
import { automationRoutes } from './automation';
import { snapshotRestoreRoutes } from './snapshot-restore';
import { dashboardRoutes } from './dashboard';
import { handoverPacketRoutes } from './handover-packets';

export const teamRoutes: readonly Route[] = [...sessionRoutes, ...deviceRoutes, ...eventRoutes, ...approvalRoutes, ...toolbarRoutes, ...policyRoutes, ...ruleRoutes, ...auditRoutes, ...muteRoutes, ...batchRoutes, ...importRoutes, ...catalogRoutes, ...catalogGovernanceRoutes, ...channelCodeRoutes, ...guardRoutes, ...doctorRoutes, ...handoverRoutes, ...automationRoutes, ...snapshotRestoreRoutes, ...dashboardRoutes, ...handoverPacketRoutes];
