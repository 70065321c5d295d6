// `tagdesk doctor`: runs the team server's tag health check and prints each finding with its
// explanation and the fix it offers (docs/guardrails.md). The check runs on the server; the
// desktop-only parts (parked conflicts, the local store against WeCom) are the app's doctor.run.
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import { cliTeamToken, teamCall } from '../team-call';
import type { DoctorReport } from '../../../src-shared/team-api/doctor';

const USAGE = `Usage: tagdesk doctor --server URL (--as USERID | --token TOKEN) [--sample N] [--json]

Checks the tag setup of a company and explains what it finds: relations whose tags drifted
from WeCom, a stale catalog copy, sync lag per member (as far as the server can see), permission
conflicts between policy entries, taxonomy smells (too many or oversized groups, unused and
near-duplicate tags) and expired approvals. Admins only.

  --server URL      the team server
  --as USERID       act as this admin (demo servers only)
  --token TOKEN     a device token (or the TAGDESK_TOKEN environment variable)
  --sample N        how many relations to compare with WeCom (default 200)
  --json            print the report: {"generatedAt","scope","checks":[{"check","status","measured","findings"}],
                    "findings":[{"id","check","severity","title","explanation","fix"}],"syncLag":[…]}

Exit status: 0 no warnings or errors, 1 something to look at, 2 bad usage or unreachable server.`;

export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'run the tag health check on a team server',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { server: { type: 'string' }, as: { type: 'string' }, token: { type: 'string' }, sample: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
    if (!values.server) throw new UsageError('--server URL is required');
    const sample = values.sample === undefined ? null : Number(values.sample);
    if (sample !== null && (!Number.isInteger(sample) || sample < 1)) throw new UsageError('--sample must be a positive whole number');
    const token = await cliTeamToken(values.server, values.as, values.token);
    const report = await teamCall<DoctorReport>(values.server, token, 'GET', `/team/v1/doctor${sample !== null ? `?sample=${sample}` : ''}`);
    if (values.json) io.out(`${JSON.stringify(report)}\n`);
    else {
      for (const c of report.checks) io.out(`${c.status === 'ok' ? 'ok  ' : c.status === 'skipped' ? 'skip' : 'FIND'} ${c.check}: ${c.measured}\n`);
      for (const f of report.findings) io.out(`\n[${f.severity}] ${f.title}\n  ${f.explanation}\n${f.fix ? `  修复：${f.fix.label} (${f.fix.action})\n` : ''}`);
      io.out(`\n${report.findings.length} findings\n`);
    }
    return report.findings.some((f) => f.severity !== 'info') ? 1 : 0;
  },
};
