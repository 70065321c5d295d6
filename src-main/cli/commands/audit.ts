// `tagdesk audit verify FILE`: checks a JSON Lines export of an audit chain end to end and
// names the first bad seq. Exit 0 valid, 1 tampered or broken, 2 unreadable file or bad usage.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyAuditJsonl } from '../../../src-shared/audit';
import { UsageError, type CliCommand } from '../command';

const USAGE = `Usage: tagdesk audit verify FILE [--json] [--chain enterprise|personal]

Verifies a JSON Lines export of an audit chain (an optional header line, then one event per
line in seq order): format, chain kind, sequence, hash links and each event's SHA-256.

  --json                 print the result as one JSON object
  --chain KIND           require this chain kind (default: from the header or first event)

Exit status: 0 the chain is intact; 1 it is not (the first bad seq is named); 2 the file
cannot be read or the arguments are wrong.`;

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'verify an exported audit chain (JSON Lines)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false }, chain: { type: 'string' } },
    });
    const [sub, file, ...extra] = positionals;
    if (sub !== 'verify') throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'missing subcommand (verify)');
    if (!file || extra.length) throw new UsageError('verify takes exactly one FILE');
    const chain = values.chain;
    if (chain !== undefined && chain !== 'enterprise' && chain !== 'personal') throw new UsageError('--chain must be enterprise or personal');

    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      if (values.json) io.out(`${JSON.stringify({ ok: false, error: 'unreadable', file, reason })}\n`);
      io.err(`tagdesk audit: cannot read ${file} (${reason})\n`);
      return 2;
    }

    const result = verifyAuditJsonl(text, chain ? { chain } : {});
    if (values.json) {
      io.out(`${JSON.stringify({ file, ...result })}\n`);
    } else if (result.ok) {
      const range = result.count ? `seq ${result.firstSeq}-${result.lastSeq}, head ${result.headHash!.slice(0, 12)}` : 'no events';
      io.out(`ok: ${result.chain ?? 'empty'} chain, ${result.count} events (${range})\n`);
    } else {
      io.out(`FAILED at seq ${result.firstBadSeq}: ${result.reason} [${result.code}]\n`);
    }
    return result.ok ? 0 : 1;
  },
};
