import { lazyCommand } from '../command.js';

export const purgeCommand = lazyCommand({
  name: 'purge',
  summary: 'Delete everything collected (or, with --content, only prompts, parameters and results)',
  usage: 'purge [--content] [--yes] [--json]',
  help: `Without --content: deletes every session, span, log and metric, the hook spool and the collector's
logs, and shrinks the store. The configuration and the install's salt stay. Asks first; --yes skips
the question (needed when stdin is not a terminal).

With --content: keeps the metadata and strips everything privacy tier 1 would not have stored
(prompt text, tool parameters, results, file content, titles). Deleted text is overwritten in the file.

Options:
      --content   strip content down to tier 1 instead of deleting everything
  -y, --yes       do not ask
  -j, --json      the result as JSON`,
  options: {
    content: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    json: { type: 'boolean', short: 'j' },
  },
  load: async () => (await import('./purge-run.js')).runPurge,
});
