import type { CliCommand } from '../command';
import { readAppVersion } from '../../services/app-info';

export const versionCommand: CliCommand = {
  name: 'version',
  summary: 'print the Tagdesk version',
  usage: 'Usage: tagdesk version [--json]',
  async run(args, io) {
    const version = readAppVersion();
    io.out(args.includes('--json') ? `${JSON.stringify({ version })}\n` : `tagdesk ${version}\n`);
    return 0;
  },
};
