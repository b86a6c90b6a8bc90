import { SPAN_TYPES } from '@agent-trace/schema';
import { lazyCommand } from '../command.js';

export const DEFAULT_INTERVAL_MS = 250;

export const tailCommand = lazyCommand({
  name: 'tail',
  summary: 'Follow new spans live as they reach the store (Ctrl-C to stop)',
  usage: 'tail [--session ID] [--type TYPE] [--agent AGENT] [--json]',
  help: `Polls the store and prints each span that starts, ends or changes after tail starts.

Options:
      --session ID     only this session (an id or a prefix of one)
      --type TYPE      only spans of this type: ${SPAN_TYPES.join(', ')}
      --agent AGENT    only sessions of this agent
      --interval MS    poll interval (default ${DEFAULT_INTERVAL_MS})
  -j, --json           one JSON object per line: {"change": "start"|"end"|"update", "span": {...}}

Ctrl-C stops it (exit 0).`,
  options: {
    session: { type: 'string' },
    type: { type: 'string' },
    agent: { type: 'string' },
    interval: { type: 'string' },
    json: { type: 'boolean', short: 'j' },
  },
  load: async () => (await import('./tail-run.js')).runTailCommand,
});
