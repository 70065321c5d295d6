// The embedded demo `npm start` runs: the WeCom simulator with a seeded company and the team
// server in front of it, in this process, on loopback. A composition root: the one place in
// main (with the CLI) that embeds src-server; the desktop still talks to it over HTTP only.
import path from 'node:path';
import { startDemoTeam, type DemoTeam } from '../../src-server/demo/demo-team';

export interface EmbeddedDemo {
  teamServerUrl: string;
  simUrl: string;
  close(): Promise<void>;
}

export async function startEmbeddedDemo(dataDir: string, customers = 2000): Promise<EmbeddedDemo> {
  const demo: DemoTeam = await startDemoTeam({ dataDir: path.join(dataDir, 'demo-team-server'), customers });
  return { teamServerUrl: demo.team.url, simUrl: demo.sim.url, close: () => demo.close() };
}
