// Which team server an instance uses: the embedded demo (`--demo`), one named on the command
// line (`--team-server URL`), or whatever the data folder has stored from before.
import { startEmbeddedDemo } from '../demo/embedded';

export interface TeamServerChoice {
  url?: string;
  simUrl?: string;
  close(): Promise<void>;
}

export async function resolveTeamServer(opts: { demo?: boolean; url?: string; dataDir: string }): Promise<TeamServerChoice> {
  if (opts.demo && opts.url) throw new Error('give either --demo or --team-server, not both');
  if (opts.url) {
    const u = new URL(opts.url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`--team-server must be an http(s) URL, got "${opts.url}"`);
    return { url: u.toString().replace(/\/+$/, ''), close: async () => undefined };
  }
  if (opts.demo) {
    const demo = await startEmbeddedDemo(opts.dataDir);
    return { url: demo.teamServerUrl, simUrl: demo.simUrl, close: () => demo.close() };
  }
  return { close: async () => undefined };
}
