import { lazyCommand } from '../command.js';

export const pruneCommand = lazyCommand({
  name: 'prune',
  summary: 'Delete sessions past the retention period (and beyond the size and count limits)',
  usage: 'prune [--older-than DAYS] [--dry-run] [--json]',
  help: `Deletes whole sessions (spans, logs, metrics, roll-ups) whose last activity is older than the
retention period, oldest first, then the oldest beyond retention.maxSessions and retention.maxBytes,
and gives the space back. Runs in small transactions: a collector writing meanwhile keeps going.
\`serve\` does the same every day at 03:00 UTC.

Options:
      --older-than DAYS  1 to 365 (default: retention.days from the configuration, 30)
  -n, --dry-run          count what would be deleted, delete nothing
  -j, --json             the result as JSON`,
  options: {
    'older-than': { type: 'string' },
    'dry-run': { type: 'boolean', short: 'n' },
    json: { type: 'boolean', short: 'j' },
  },
  load: async () => (await import('./prune-run.js')).runPrune,
});
