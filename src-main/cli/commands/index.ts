// The registry of `tagdesk` subcommands: one module per command, listed here once.
import type { CliCommand } from '../command';
import { auditCommand } from './audit';
import { versionCommand } from './version';
import { lintCommand } from './lint';
import { simCommand } from './sim';
import { serverCommand } from './server';
import { syncSimCommand } from './sync-sim';
import { importCommand } from './import';
import { muteCommand } from './mute';
import { doctorCommand } from './doctor';

export const commands: readonly CliCommand[] = [versionCommand, lintCommand, auditCommand, simCommand, serverCommand, syncSimCommand, importCommand, muteCommand, doctorCommand];
