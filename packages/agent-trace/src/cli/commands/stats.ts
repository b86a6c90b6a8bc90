import { lazyCommand } from '../command.js';

export const statsCommand = lazyCommand({
  name: 'stats',
  summary: 'What the store holds: size, counts, date range, per agent',
  usage: 'stats [--json]',
  help: `Options:
  -j, --json           the same as JSON`,
  options: { json: { type: 'boolean', short: 'j' } },
  load: async () => (await import('./stats-run.js')).runStats,
});
