// `tagdesk server`: runs the team server. `--demo` puts the WeCom simulator with a seeded
// company behind it (what `npm start` embeds); `--config FILE` runs it against real WeCom,
// with the app secret from the file or an environment variable, never logged.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { UsageError, type CliCommand, type CliIO } from '../command';
import { intOption, untilSignal } from '../options';
import { startDemoTeam } from '../../../src-server/demo/demo-team';
import { startTeamServer } from '../../../src-server/team/server';
import { createWecomUpstream } from '../../../src-server/team/wecom-upstream';
import { syncDirectory } from '../../../src-server/team/directory-sync';

const usage = `Usage: tagdesk server --demo [--port N] [--seed N] [--customers N] [--data-dir DIR] [--json]
       tagdesk server --config FILE [--json]

Runs the Tagdesk team server (team API, WeCom relay, event stream, chat-toolbar page).

  --demo           with the WeCom simulator and a seeded demo company behind it
  --port N         port on 127.0.0.1 (default 0: a free port)
  --seed N         demo company seed (default 1)
  --customers N    demo company size (default 2000)
  --data-dir DIR   where the team server keeps its database (default: a temporary folder)
  --config FILE    run against real WeCom; FILE is JSON:
                     {"corpid", "agentid", "corpsecret" | "corpsecretEnv", "dataDir",
                      "port"?, "host"?, "wecomBaseUrl"?, "roles"?: {"userid": "admin"|…},
                      "ingestSecretEnv"?: the variable holding the events webhook's secret}
  --json           print one JSON line {"url","simUrl","corpid"} when ready`;

const configSchema = z
  .object({
    corpid: z.string().min(1),
    agentid: z.number().int().positive(),
    corpsecret: z.string().min(1).optional(),
    corpsecretEnv: z.string().min(1).optional(),
    dataDir: z.string().min(1),
    port: z.number().int().min(0).max(65535).default(8642),
    host: z.string().default('127.0.0.1'),
    wecomBaseUrl: z.string().url().default('https://qyapi.weixin.qq.com'),
    loginPageUrl: z.string().url().default('https://login.work.weixin.qq.com/wwlogin/sso/login'),
    roles: z.record(z.string(), z.enum(['sales', 'service', 'supervisor', 'admin'])).default({}),
    /** Environment variable with the secret of POST /team/v1/ingest (docs/automation.md); absent = no ingest. */
    ingestSecretEnv: z.string().min(1).optional(),
  })
  .strict()
  .refine((c) => Boolean(c.corpsecret) !== Boolean(c.corpsecretEnv), { message: 'give exactly one of corpsecret and corpsecretEnv', path: ['corpsecret'] });

async function runWithConfig(file: string, json: boolean, io: CliIO): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read config ${file}: ${(e as Error).message}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(`config ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  const cfg = parsed.data;
  const corpsecret = cfg.corpsecret ?? process.env[cfg.corpsecretEnv!];
  if (!corpsecret) throw new UsageError(`the environment variable ${cfg.corpsecretEnv} is empty`);
  const ingestSecret = cfg.ingestSecretEnv ? process.env[cfg.ingestSecretEnv] : undefined;
  if (cfg.ingestSecretEnv && (!ingestSecret || ingestSecret.length < 16)) throw new UsageError(`the environment variable ${cfg.ingestSecretEnv} must hold at least 16 characters`);
  const { upstream } = createWecomUpstream({ baseUrl: cfg.wecomBaseUrl, corpid: cfg.corpid, corpsecret });
  const team = await startTeamServer({
    dbFile: path.join(cfg.dataDir, 'team.sqlite'),
    upstream,
    port: cfg.port,
    host: cfg.host,
    config: { corpid: cfg.corpid, agentid: cfg.agentid, loginPageUrl: cfg.loginPageUrl, roles: cfg.roles, demo: false, ...(ingestSecret ? { ingestSecret } : {}) },
  });
  const synced = await syncDirectory(upstream, team.ctx.directory, cfg.roles);
  io.out(json ? `${JSON.stringify({ url: team.url, simUrl: null, corpid: cfg.corpid })}\n` : `Tagdesk team server on ${team.url} (${synced.members} members in ${synced.departments} departments) — Ctrl-C to stop\n`);
  await untilSignal();
  await team.close();
  return 0;
}

export const serverCommand: CliCommand = {
  name: 'server',
  summary: 'run the team server (--demo: with the WeCom simulator and a demo company)',
  usage,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        demo: { type: 'boolean' }, config: { type: 'string' }, port: { type: 'string' }, seed: { type: 'string' },
        customers: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' },
      },
      strict: true,
    });
    if (Boolean(values.demo) === Boolean(values.config)) throw new UsageError('give exactly one of --demo and --config FILE');
    if (values.config) return runWithConfig(values.config, values.json ?? false, io);
    const demo = await startDemoTeam({
      port: intOption(values.port, 'port', 0, 0, 65535),
      seed: intOption(values.seed, 'seed', 1, 0, 2 ** 31 - 1),
      customers: intOption(values.customers, 'customers', 2000, 0, 200_000),
      ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    });
    const info = { url: demo.team.url, simUrl: demo.sim.url, corpid: demo.sim.corpid };
    io.out(values.json ? `${JSON.stringify(info)}\n` : `Tagdesk team server (demo) on ${info.url}, WeCom simulator on ${info.simUrl} — Ctrl-C to stop\n`);
    await untilSignal();
    await demo.close();
    return 0;
  },
};
