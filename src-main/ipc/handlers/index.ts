// main's handler table: one module per concern, combined here. The type makes a missing or
// extra handler a compile error, so the contract and main cannot drift apart.
import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';
import { appHandlers } from './app';
import { sessionHandlers } from './session';
import { customerHandlers } from './customers';
import { taggingHandlers } from './tagging';
import { personalHandlers } from './personal';
import { approvalHandlers } from './approvals';
import { syncHandlers } from './sync';
import { settingsHandlers } from './settings';
import { muteHandlers } from './mute';
import { adminHandlers } from './admin';
import { automationHandlers } from './automation';
import { doctorHandlers } from './doctor';
import { guardHandlers } from './guard';
import { dashboardHandlers } from './dashboard';
import { snapshotHandlers } from './snapshots';
import { catalogGovernanceHandlers } from './catalog-governance';
import { channelCodeHandlers } from './channel-codes';
import { handoverPacketHandlers } from './handover-packet';

export function createHandlers(s: Services): HandlerTable {
  return {
    ...handoverPacketHandlers(s),
    ...muteHandlers(s),
    ...appHandlers(s),
    ...sessionHandlers(s),
    ...customerHandlers(s),
    ...taggingHandlers(s),
    ...personalHandlers(s),
    ...approvalHandlers(s),
    ...syncHandlers(s),
    ...settingsHandlers(s),
    ...adminHandlers(s),
    ...automationHandlers(s),
    ...doctorHandlers(s),
    ...guardHandlers(s),
    ...dashboardHandlers(s),
    ...snapshotHandlers(s),
    ...catalogGovernanceHandlers(s),
    ...channelCodeHandlers(s),
  };
}
