// `tagdesk import FILE`: checks (and, without --dry-run, commits) a tag import on a team
// server, exactly as the admin screen does — the file's bytes go to the server, which detects
// the encoding, maps the header and checks every row against WeCom's current data.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import { cliTeamToken, teamCall } from '../team-call';

const USAGE = `Usage: tagdesk import FILE --server URL (--as USERID | --token TOKEN) [--dry-run] [--skip-errors] [--json]

Imports enterprise tags from a CSV file (UTF-8 with or without BOM, or GBK/GB18030 as Excel
saves it): a column 客户ID (external_userid), optionally 跟进成员 (userid), and tag columns named
after a tag group (cells: tag names separated by 、 or ,) or 标签 (cells: 组名:标签名).

  --server URL      the team server
  --as USERID       act as this member (demo servers only)
  --token TOKEN     a device token (or the TAGDESK_TOKEN environment variable)
  --dry-run         check only: print rows, ok rows and every error; change nothing
  --skip-errors     commit the rows without errors even when others have some
  --json            print JSON: {"rows","ok","errors":[{"row","column","code","message","suggestion"}]}

Exit status: 0 no errors (or committed), 1 the file has errors, 2 bad usage or unreachable server.`;

interface Preview {
  rows: number;
  ok: number;
  encoding: string;
  errors: { row: number; column: string; code: string; message: string; suggestion: string | null }[];
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'check or commit a CSV tag import on a team server',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        server: { type: 'string' }, as: { type: 'string' }, token: { type: 'string' }, 'dry-run': { type: 'boolean', default: false },
        'skip-errors': { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
      },
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length) throw new UsageError('give exactly one FILE');
    if (!values.server) throw new UsageError('--server URL is required');
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
    }
    const token = await cliTeamToken(values.server, values.as, values.token);
    const body = { fileBase64: bytes.toString('base64'), fileName: path.basename(file) };
    const preview = await teamCall<Preview>(values.server, token, 'POST', '/team/v1/import/preview', body);
    if (values['dry-run'] || (preview.errors.length > 0 && !values['skip-errors'])) {
      if (values.json) io.out(`${JSON.stringify({ rows: preview.rows, ok: preview.ok, errors: preview.errors })}\n`);
      else {
        io.out(`${preview.rows} rows, ${preview.ok} ok, ${preview.errors.length} errors (${preview.encoding})\n`);
        for (const e of preview.errors) io.out(`row ${e.row}${e.column ? ` [${e.column}]` : ''} ${e.code}: ${e.message}${e.suggestion ? ` — ${e.suggestion}` : ''}\n`);
        if (!values['dry-run']) io.out('nothing imported: fix the errors or pass --skip-errors\n');
      }
      return preview.errors.length > 0 ? 1 : 0;
    }
    const committed = await teamCall<{ batch: { id: string; total: number }; rows: number; ok: number; skipped: number }>(values.server, token, 'POST', '/team/v1/import/commit', { ...body, skipErrors: values['skip-errors'] });
    io.out(values.json ? `${JSON.stringify({ rows: committed.rows, ok: committed.ok, errors: preview.errors, batchId: committed.batch.id })}\n` : `imported ${committed.ok} of ${committed.rows} rows as batch ${committed.batch.id} (${committed.batch.total} relations)\n`);
    return 0;
  },
};
