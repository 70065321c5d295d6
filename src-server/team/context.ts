// Everything a team-server route works with, built once per server.
import type { TeamDb } from './store/database';
import type { DeviceTokens } from './auth/device-tokens';
import type { Directory, Role } from './directory';
import type { EventLog } from './events/event-log';
import type { WeComUpstream } from './upstream';
import type { Logger } from 'pino';

export interface TeamConfig {
  corpid: string;
  /** Where the login page sends desktops (WeCom's QR login, or the simulator's page). */
  loginPageUrl: string;
  /** Tagdesk roles by userid, for members whose role is not yet stored (demo seed, config file). */
  roles?: Record<string, Role>;
  /** True in the demo: `--as USERID` shortcuts in the CLI are accepted. */
  demo: boolean;
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
}
