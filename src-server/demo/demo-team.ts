// The embedded demo: the WeCom simulator with a seeded company, and the team server in front
// of it with the demo's roles and policy. `tagdesk server --demo` and `npm start` run this.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startWecomSimulator, type WecomSimulator } from '../wecom-sim/index';
import { startTeamServer, type TeamServer } from '../team/server';
import { createWecomUpstream } from '../team/wecom-upstream';
import { syncDirectory } from '../team/directory-sync';
import { demoPolicy } from './policy';
import type { FairShareConfig } from '../team/relay/fair-share';
import type { RateLimitConfig } from '../../src-shared/wecom/index';
import type { SimLimits } from '../wecom-sim/options';

export interface DemoTeamOptions {
  seed?: number;
  customers?: number;
  /** Team server port (0 = any free port). */
  port?: number;
  /** Where the team server keeps its database; default: a fresh temporary folder. */
  dataDir?: string;
  /** Enables the simulator's /__sim/ fault routes (tests). */
  faults?: boolean;
  /** Reconciliation interval of the team server (0 = off, for tests that drive it). */
  reconcileIntervalMs?: number;
  /** The team server's own WeCom windows (tests that saturate the company's quota). */
  upstreamRateLimits?: Partial<RateLimitConfig>;
  /** Each member's share of the relay (tests and load runs). */
  fairShare?: FairShareConfig;
  /** The simulator's WeCom limits, where they differ from WeCom's (load runs). */
  simLimits?: Partial<SimLimits>;
}

export interface DemoTeam {
  /** The running team server (replaced by `restartTeam`). */
  team: TeamServer;
  sim: WecomSimulator;
  /** Stops the team server only (desktops go offline; WeCom keeps running). */
  stopTeam(): Promise<void>;
  /** Starts it again on the same port with the same database. */
  restartTeam(): Promise<void>;
  close(): Promise<void>;
}

/** The demo's ingest secret: known to tests and the demo event sender, never used outside the demo. */
export const demoIngestSecret = (corpid: string): string => `demo-ingest-${corpid}`;

export async function startDemoTeam(opts: DemoTeamOptions = {}): Promise<DemoTeam> {
  const sim = await startWecomSimulator({ seed: opts.seed ?? 1, customers: opts.customers ?? 2000, port: 0, faults: opts.faults ?? false, ...(opts.simLimits ? { limits: opts.simLimits } : {}) });
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tagdesk-team-'));
  const { upstream } = createWecomUpstream({ baseUrl: sim.url, corpid: sim.corpid, corpsecret: sim.corpsecret, ...(opts.upstreamRateLimits ? { rateLimits: opts.upstreamRateLimits } : {}) });
  const launch = (port: number) => startTeamServer({
    dbFile: path.join(dataDir, 'team.sqlite'),
    upstream,
    port,
    initialPolicy: demoPolicy(sim.company, new Date()),
    callback: { token: sim.company.credentials.callbackToken, encodingAesKey: sim.company.credentials.encodingAesKey },
    ...(opts.reconcileIntervalMs !== undefined ? { reconcileIntervalMs: opts.reconcileIntervalMs } : {}),
    ...(opts.fairShare ? { fairShare: opts.fairShare } : {}),
    config: {
      corpid: sim.corpid,
      agentid: sim.agentid,
      loginPageUrl: `${sim.url}/wwlogin/sso/login`,
      roles: sim.company.roles,
      demo: true,
      // The signed events webhook's secret (docs/automation.md); the demo's is derived from the corp.
      ingestSecret: demoIngestSecret(sim.corpid),
    },
  });
  let team = await launch(opts.port ?? 0);
  await syncDirectory(upstream, team.ctx.directory, sim.company.roles);
  // WeCom calls back the app's configured URL: point the simulator at the team server.
  if (sim.runtime.callbacks) sim.runtime.callbacks.config = { url: `${team.url}/wecom/callback` };
  let running = true;
  const demo: DemoTeam = {
    team,
    sim,
    async stopTeam() {
      if (!running) return;
      running = false;
      await team.close();
    },
    async restartTeam() {
      if (running) return;
      team = await launch(team.port);
      await syncDirectory(upstream, team.ctx.directory, sim.company.roles);
      demo.team = team;
      running = true;
    },
    async close() {
      if (running) await team.close();
      running = false;
      await sim.close();
    },
  };
  return demo;
}
