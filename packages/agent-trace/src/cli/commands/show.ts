import { lazyCommand } from '../command.js';

export const showCommand = lazyCommand({
  name: 'show',
  summary: 'Replay one session: turns, model calls, tool calls, sub-agents, errors',
  usage: 'show <session-id or unique prefix> [--spans] [--json]',
  help: `Options:
      --spans          the span tree instead of the turn view
  -j, --json           the replay (or with --spans the span tree) as JSON`,
  positionals: true,
  options: {
    spans: { type: 'boolean' },
    json: { type: 'boolean', short: 'j' },
  },
  load: async () => (await import('./show-run.js')).runShow,
});
