// The registry of `tagdesk` subcommands: one module per command, listed here once.
import type { CliCommand } from '../command';
import { versionCommand } from './version';
import { lintCommand } from './lint';

export const commands: readonly CliCommand[] = [versionCommand, lintCommand];
