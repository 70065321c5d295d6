// Entry of browser mode: main's services under plain Node, the renderer served on 127.0.0.1,
// opened in Chromium's app mode where a display exists. Used by `npm start` when Electron's
// binary is missing, and by the end-to-end tests.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../app/services';
import { defaultDataDir } from '../app/data-dir';
import { createLogger } from '../services/logger';
import { chooseSecretStore } from '../secrets/choose';
import { startBrowserHost, PortInUseError } from './http-transport';
import { openAppWindow } from './open-browser';
import { resolveTeamServer } from '../app/team-server-option';

export const DEFAULT_BROWSER_PORT = 47821;

const USAGE = `Usage: node out/main/browser.js [--data-dir DIR] [--port N] [--demo | --team-server URL] [--no-open] [--json]
  --data-dir DIR  data folder of this instance (default: the user's Tagdesk folder, or $TAGDESK_DATA_DIR)
  --port N        port on 127.0.0.1 (default ${DEFAULT_BROWSER_PORT}; keep it stable so the browser keeps its cache; 0 = any free port)
  --demo          run the embedded demo (WeCom simulator + team server) in this process
  --team-server U use the team server at U
  --no-open       do not open a Chromium window
  --json          print one JSON line {"url","launchUrl","port","dataDir"} when ready`;

export async function runBrowserMode(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      open: { type: 'boolean', default: true },
      'no-open': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      'team-server': { type: 'string' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? DEFAULT_BROWSER_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const log = createLogger({ destination: path.join(dataDir, 'logs', 'main.log') });
  const secrets = await chooseSecretStore(dataDir, log);
  const team = await resolveTeamServer({ demo: values.demo, url: values['team-server'], dataDir });
  const app = createApp({ mode: 'browser', dataDir, secrets, log, ...(team.url ? { teamServerUrl: team.url } : {}) });
  const rendererDir = process.env.TAGDESK_RENDERER_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../renderer');
  let host;
  try {
    host = await startBrowserHost({ app, rendererDir, port });
  } catch (e) {
    app.close();
    if (e instanceof PortInUseError) {
      process.stderr.write(`tagdesk: ${e.message}\n`);
      process.exit(3);
    }
    throw e;
  }
  log.info({ url: host.url, dataDir }, 'browser mode ready');
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: host.url, launchUrl: host.launchUrl, port: host.port, dataDir, teamServerUrl: team.url ?? null, simUrl: team.simUrl ?? null })}\n`);
  } else {
    process.stdout.write(`Tagdesk (browser mode) is running. Open this link in Chromium or Chrome:\n  ${host.launchUrl}\n`);
    if (team.simUrl) process.stdout.write(`Demo: team server ${team.url}, WeCom simulator ${team.simUrl}\n`);
  }
  if (values.open && !values['no-open']) {
    const why = openAppWindow(host.launchUrl, dataDir);
    if (why && !values.json) process.stdout.write(`(not opening a window: ${why})\n`);
  }
  const stop = (): void => {
    void host.close().then(async () => {
      app.close();
      await team.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

runBrowserMode(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`tagdesk: browser mode failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});
