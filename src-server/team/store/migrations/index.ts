// The team server's schema migrations, in order; the position is the version. Never edit a
// shipped one: append.
import type { Migration } from '../../../../src-shared/storage/migrate';
import type { TeamDb } from '../database';
import { t001Directory } from './001-directory';
import { t002Approvals } from './002-approvals';
import { t003Policy } from './003-policy';
import { t004Audit } from './004-audit';
import { t005Reconcile } from './005-reconcile';
import { t006RuleOverlays } from './006-rule-overlays';
import { t007Admin } from './007-admin';
import { t008Mute } from './008-mute';
import { t009ChannelCodes } from './009-channel-codes';
import { t010Handovers } from './010-handovers';
import { t011Guard } from './011-guard';
import { t012Automation } from './012-automation';
import { t014HandoverPackets } from './014-handover-packets';
import { t015CompanyDescriptors } from './015-company-descriptors';
import { t016AutomationBacktests } from './016-automation-backtests';

export type TeamMigration = Migration<TeamDb>;

export const teamMigrations: readonly TeamMigration[] = [t001Directory, t002Approvals, t003Policy, t004Audit, t005Reconcile, t006RuleOverlays, t007Admin, t008Mute, t009ChannelCodes, t010Handovers, t011Guard, t012Automation, t014HandoverPackets, t015CompanyDescriptors, t016AutomationBacktests];
