// The registry of `tagdesk` subcommands: one module per command, listed here once.
import type { CliCommand } from '../command';
import { versionCommand } from './version';

export const commands: readonly CliCommand[] = [versionCommand];
