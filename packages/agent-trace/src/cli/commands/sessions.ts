import { SESSION_SORT_KEYS } from '../../store/types.js';
import { TIME_HELP, TIME_OPTIONS } from '../args.js';
import { lazyCommand } from '../command.js';

export const DEFAULT_SESSION_LIMIT = 50;

export const sessionsCommand = lazyCommand({
  name: 'sessions',
  summary: 'List sessions, newest first, filtered by date, project, model and agent',
  usage: 'sessions [options]',
  help: `Options:
${TIME_HELP}
  -p, --project NAME   only this project (name substring or hash)
  -m, --model MODEL    only sessions that used this model (id or substring)
      --agent AGENT    only this agent
  -n, --limit N        at most N sessions (default ${DEFAULT_SESSION_LIMIT})
      --offset N       skip the first N
      --sort KEY       ${SESSION_SORT_KEYS.join(', ')} (default: start)
  -o, --order ORDER    asc or desc (default: desc)
  -j, --json           {"sessions": [...], "total": N}`,
  options: {
    ...TIME_OPTIONS,
    project: { type: 'string', short: 'p' },
    model: { type: 'string', short: 'm' },
    agent: { type: 'string' },
    limit: { type: 'string', short: 'n' },
    offset: { type: 'string' },
    sort: { type: 'string' },
    order: { type: 'string', short: 'o' },
    json: { type: 'boolean', short: 'j' },
  },
  load: async () => (await import('./sessions-run.js')).runSessions,
});
