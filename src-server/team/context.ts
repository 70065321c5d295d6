// Everything a team-server route works with, built once per server.
import type { TeamDb } from './store/database';
import type { DeviceTokens } from './auth/device-tokens';
import type { Directory, Role } from './directory';
import type { EventLog } from './events/event-log';
import type { WeComUpstream } from './upstream';
import type { Logger } from 'pino';
import type { ApprovalQueue } from './approvals/approval-queue';
import type { CatalogCache } from './relay/catalog-cache';
import type { Governance } from './relay/governance';
import type { ToolbarSessions } from './toolbar/sessions';
import type { TicketSigner } from './toolbar/signature';
import type { PolicyStore } from './policy/policy-store';
import type { CentralAudit } from './audit/central-audit';
import type { RulePacks } from './policy/rule-packs';
import type { BatchService } from './batches/batch-service';

export interface TeamConfig {
  corpid: string;
  /** Where the login page sends desktops (WeCom's QR login, or the simulator's page). */
  loginPageUrl: string;
  /** Tagdesk roles by userid, for members whose role is not yet stored (demo seed, config file). */
  roles?: Record<string, Role>;
  /** The customer-contact app's agentid (JS-SDK app identity). */
  agentid: number;
  /** A JS-SDK stand-in script (the simulator's, in the demo); default: the bundled @wecom/jssdk. */
  jssdkScriptUrl?: string;
  /** True in the demo: `--as USERID` shortcuts in the CLI are accepted. */
  demo: boolean;
  /** Shared secret of the signed events webhook (POST /team/v1/ingest); absent = ingest refused. */
  ingestSecret?: string;
}

export interface TeamContext {
  db: TeamDb;
  log: Logger;
  now: () => Date;
  config: TeamConfig;
  upstream: WeComUpstream;
  devices: DeviceTokens;
  directory: Directory;
  events: EventLog;
  catalog: CatalogCache;
  governance: Governance;
  policy: PolicyStore;
  rulePacks: RulePacks;
  audit: CentralAudit;
  approvals: ApprovalQueue;
  toolbarSessions: ToolbarSessions;
  ticketSigner: TicketSigner;
  /** Bulk changes to relations (bulk tagging, imports, restores, undo): persisted, resumable, undoable. */
  batches: BatchService;
}
