// Entry of the `tagdesk` command line: finds the subcommand in the registry and runs it.
import { createInterface } from 'node:readline';
import { commands } from './commands/index';
import { UsageError, type CliIO } from './command';

export function processIO(): CliIO {
  return {
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(Buffer.from(c as Buffer));
      return Buffer.concat(chunks).toString('utf8');
    },
    stdinLines() {
      return createInterface({ input: process.stdin, crlfDelay: Infinity });
    },
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  };
}

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: tagdesk <command> [options]',
    '       (in a checkout: npm run --silent tagdesk -- <command> [options])',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `tagdesk <command> --help` for the options of one command.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`tagdesk: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`tagdesk ${name}: ${(e as Error).message}\n\n${command.usage}\n`);
      return 2;
    }
    io.err(`tagdesk ${name}: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}
