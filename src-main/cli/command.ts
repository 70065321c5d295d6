// The shape every `tagdesk` subcommand has. Subcommands live one per module in
// ./commands and are registered in ./commands/index.ts — the only list to edit.

export interface CliIO {
  /** Reads all of standard input as UTF-8 text. */
  readStdin(): Promise<string>;
  /** Lines of standard input as they arrive (for streaming commands such as `lint`). */
  stdinLines(): AsyncIterable<string>;
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  /** First word after `tagdesk`. */
  name: string;
  /** One line for `tagdesk --help`. */
  summary: string;
  /** Full usage text for `tagdesk <name> --help`. */
  usage: string;
  /** Returns the process exit code. Long-running commands (servers) resolve when stopped. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** An error whose message is meant for the user as is; main prints it and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
