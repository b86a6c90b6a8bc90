import { lazyCommand } from '../command.js';

/** Exit codes of `status` (documented in its help): 0 healthy, 10 collector down, 11 events waiting in the spool. */
export const STATUS_EXIT = { healthy: 0, collectorDown: 10, spoolBacklog: 11 } as const;

export const statusCommand = lazyCommand({
  name: 'status',
  summary: 'Is the collector up, is anything waiting in the spool, what arrived last',
  usage: 'status [--url URL] [--json]',
  help: `Checks the collector (GET /readyz), the hook spool and dead-letter file in the data dir, and the store.

Options:
      --url URL    the collector (default: $AGENT_TRACE_URL, else http://127.0.0.1:8318)
  -j, --json       the same as JSON

Exit codes:
  0   healthy: the collector answers and the spool is empty
  10  the collector does not answer (hook events are being spooled)
  11  the collector answers but hook events are waiting in the spool (not drained yet)`,
  options: {
    url: { type: 'string' },
    json: { type: 'boolean', short: 'j' },
  },
  load: async () => (await import('./status-run.js')).runStatus,
});
