// `tagdesk sim`: serves the WeCom simulator with a seeded demo company until SIGINT/SIGTERM.
// With --json it prints one line {"url","corpid","corpsecret","agentid"} for scripts and tests.
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { intOption, untilSignal } from '../options';
import { startWecomSimulator } from '../../../src-server/wecom-sim/index';

const usage = `Usage: tagdesk sim [--seed N] [--customers N] [--port N] [--host H] [--faults] [--callback-url URL] [--json]

Serves a WeCom API simulator (WeCom's paths and JSON under /cgi-bin/, a web-login page under
/wwlogin/sso/login) with a seeded demo company, until interrupted.

  --seed N           demo company seed (default 1); same seed, same company
  --customers N      number of customers, 2000 to 200000 (default 2000)
  --port N           port on the host (default 0: a free port)
  --host H           address to bind (default 127.0.0.1)
  --faults           enable fault injection under /__sim/… (tests only)
  --callback-url U   POST encrypted callbacks (colleague and admin-console edits) to U
  --json             print {"url","corpid","corpsecret","agentid"} as one JSON line`;

export const simCommand: CliCommand = {
  name: 'sim',
  summary: 'serve the WeCom simulator with a seeded demo company',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        seed: { type: 'string' }, customers: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' },
        faults: { type: 'boolean' }, 'callback-url': { type: 'string' }, json: { type: 'boolean' },
      },
      strict: true,
    });
    const callbackUrl = values['callback-url'];
    const sim = await startWecomSimulator({
      seed: intOption(values.seed, 'seed', 1, 0, 2 ** 31 - 1),
      customers: intOption(values.customers, 'customers', 2000, 0, 200_000),
      port: intOption(values.port, 'port', 0, 0, 65535),
      host: values.host ?? '127.0.0.1',
      faults: values.faults ?? false,
      ...(callbackUrl ? { callback: { url: callbackUrl } } : {}),
      log: (line) => io.err(`${line}\n`),
    });
    const info = { url: sim.url, corpid: sim.corpid, corpsecret: sim.corpsecret, agentid: sim.agentid };
    io.out(values.json ? `${JSON.stringify(info)}\n` : `WeCom simulator on ${sim.url} (corpid ${sim.corpid}, agentid ${sim.agentid}, ${sim.company.customers.length} customers); login page ${sim.url}/wwlogin/sso/login — Ctrl-C to stop\n`);
    await untilSignal();
    await sim.close();
    return 0;
  },
};
