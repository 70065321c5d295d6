// The embedded demo `npm start` runs: the WeCom simulator with a seeded company and the team
// server in front of it, in this process, on loopback, and a stand-in for the company's shop
// and chat archive posting signed behaviour events (docs/automation.md), so rules have
// something to act on. A composition root: the one place in main (with the CLI) that embeds
// src-server; the desktop still talks to it over HTTP only.
import path from 'node:path';
import { demoIngestSecret, startDemoTeam, type DemoTeam } from '../../src-server/demo/demo-team';
import { startDemoEventSender } from '../../src-server/demo/demo-event-sender';

export interface EmbeddedDemo {
  teamServerUrl: string;
  simUrl: string;
  close(): Promise<void>;
}

/**
 * `TAGDESK_DEMO_EVENTS=on` (what `npm start` sets) starts the event stream; without it the demo
 * stays still, so tests that drive their own events and figures are not moved under them.
 */
export async function startEmbeddedDemo(dataDir: string, customers = 2000, env: NodeJS.ProcessEnv = process.env): Promise<EmbeddedDemo> {
  const demo: DemoTeam = await startDemoTeam({ dataDir: path.join(dataDir, 'demo-team-server'), customers });
  const sender = env.TAGDESK_DEMO_EVENTS !== 'on'
    ? null
    : startDemoEventSender({
        url: demo.team.url,
        secret: demoIngestSecret(demo.sim.corpid),
        company: demo.sim.company,
        onError: (err) => process.stderr.write(`tagdesk: demo events: ${err instanceof Error ? err.message : String(err)}\n`),
      });
  return {
    teamServerUrl: demo.team.url,
    simUrl: demo.sim.url,
    close: () => {
      sender?.stop();
      return demo.close();
    },
  };
}
