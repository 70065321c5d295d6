// `tagdesk mute explain`: asks a team server for one member's mute verdict about one customer
// at a given time and prints it with the deciding rules. With a device token (--token or
// TAGDESK_DEVICE_TOKEN) it works against any server, within the token's rights; against a demo
// server (`tagdesk server --demo`) it signs in as --member through the demo-only shortcut.
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';

const usage = `Usage: tagdesk mute explain --server URL --member ID --customer ID [--at ISO8601] [--token TOKEN] [--json]

Prints the mute verdict (muted / held / suppressed / open) of customer ID for member ID at the
given time (default: now), the rules that decided it and until when, whitelists and lifts.

  --server URL     the team server, e.g. http://127.0.0.1:8642
  --member ID      the member's WeCom userid
  --customer ID    the customer's external_userid
  --at ISO8601     e.g. 2026-03-10T21:00:00+08:00
  --token TOKEN    a device token (or TAGDESK_DEVICE_TOKEN); without one, demo servers only
  --json           one JSON object: {member, customer, at, state, until, untilText, sentence, rules, effects, whitelist, lifts, problems}

Exit status: 0 answered; 2 bad arguments or the server refused or could not be reached.`;

interface Envelope<T> { ok: boolean; value: T; error?: { code: string; message: string; userMessage: string } }

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (e) {
    throw new UsageError(`cannot reach ${new URL(url).origin}: ${(e as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as Envelope<T> | null;
  if (!body) throw new UsageError(`${new URL(url).origin} answered HTTP ${res.status} without JSON`);
  if (!body.ok) throw new UsageError(`${body.error?.code ?? res.status}: ${body.error?.message ?? ''} (${body.error?.userMessage ?? ''})`);
  return body.value;
}

interface Explained {
  member: string;
  customer: { externalUserid: string; name: string; corpName: string | null };
  verdict: {
    at: string; state: string; until: string | null; untilText: string | null; sentence: string;
    rules: { id: string; name: string; effect: string; priority: number; until: string | null; reason: string }[];
    effects: Record<string, unknown>; whitelist: { id: string; reason: string }[]; lifts: { id: string; by: string; until: string; reason: string }[];
  };
  problems: { ruleId: string; message: string }[];
}

export const muteCommand: CliCommand = {
  name: 'mute',
  summary: 'explain a mute verdict: muted / held / suppressed / open, the deciding rules and until when',
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        server: { type: 'string' }, member: { type: 'string' }, customer: { type: 'string' }, at: { type: 'string' },
        token: { type: 'string' }, json: { type: 'boolean', default: false },
      },
    });
    if (positionals[0] !== 'explain' || positionals.length !== 1) throw new UsageError(positionals[0] ? `unknown subcommand "${positionals[0]}"` : 'missing subcommand (explain)');
    const { server, member, customer } = values;
    if (!server || !member || !customer) throw new UsageError('--server, --member and --customer are required');
    let base: URL;
    try {
      base = new URL(server);
    } catch {
      throw new UsageError(`--server is not a URL: ${server}`);
    }
    if (values.at !== undefined && Number.isNaN(Date.parse(values.at))) throw new UsageError(`--at is not an ISO 8601 time: ${values.at}`);
    const origin = base.origin;
    let token = values.token ?? process.env.TAGDESK_DEVICE_TOKEN;
    if (!token) {
      token = (await call<{ deviceToken: string }>(`${origin}/team/v1/demo/device`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userid: member }),
      })).deviceToken;
    }
    const q = new URLSearchParams({ member, customer, ...(values.at !== undefined ? { at: values.at } : {}) });
    const r = await call<Explained>(`${origin}/team/v1/mute/verdict?${q.toString()}`, { headers: { Authorization: `Bearer ${token}` } });
    const v = r.verdict;
    if (values.json) {
      io.out(`${JSON.stringify({ member: r.member, customer: r.customer, at: v.at, state: v.state, until: v.until, untilText: v.untilText, sentence: v.sentence, rules: v.rules, effects: v.effects, whitelist: v.whitelist, lifts: v.lifts, problems: r.problems })}\n`);
      return 0;
    }
    const lines = [`${r.member} → ${r.customer.name || r.customer.externalUserid}${r.customer.corpName ? `（${r.customer.corpName}）` : ''} at ${v.at}`, `  ${v.state}: ${v.sentence}`];
    for (const rule of v.rules) lines.push(`  rule ${rule.id} (${rule.effect}, priority ${rule.priority}): ${rule.reason}`);
    for (const w of v.whitelist) lines.push(`  whitelist ${w.id}: ${w.reason}`);
    for (const l of v.lifts) lines.push(`  lifted by ${l.by} until ${l.until}: ${l.reason}`);
    for (const p of r.problems) lines.push(`  problem in rule ${p.ruleId}: ${p.message}`);
    io.out(`${lines.join('\n')}\n`);
    return 0;
  },
};
