import { TIME_HELP, TIME_OPTIONS } from '../args.js';
import { lazyCommand } from '../command.js';

export const reportCommand = lazyCommand({
  name: 'report',
  summary: 'Token and cost reports: daily, weekly, monthly, session, model, project, blocks',
  usage: 'report <daily|weekly|monthly|session|model|project|blocks> [options]',
  help: `Options:
${TIME_HELP}
  -p, --project NAME   only this project (name substring or hash)
  -m, --model MODEL    only this model (id or substring)
      --agent AGENT    only this agent (claude-code, codex, gemini-cli, opencode, sdk, otel)
      --cost-mode MODE auto (reported cost when the source has one, else calculated), calculate, display (default: auto)
  -b, --breakdown      per-model rows under each row
  -o, --order ORDER    asc or desc (default: dates ascending; session, model and project by cost, highest first)
      --start-of-week DAY  sunday … saturday (weekly; default sunday)
  -j, --json           JSON with ccusage's field names (inputTokens, outputTokens, cacheCreationTokens,
                       cacheReadTokens, totalTokens, totalCost)

Examples:
  agent-trace report daily --since 20261101 --json
  agent-trace report monthly --breakdown
  agent-trace report blocks`,
  positionals: true,
  options: {
    ...TIME_OPTIONS,
    project: { type: 'string', short: 'p' },
    model: { type: 'string', short: 'm' },
    agent: { type: 'string' },
    'cost-mode': { type: 'string' },
    mode: { type: 'string' },
    breakdown: { type: 'boolean', short: 'b' },
    order: { type: 'string', short: 'o' },
    'start-of-week': { type: 'string' },
    json: { type: 'boolean', short: 'j' },
  },
  load: async () => (await import('./report-run.js')).runReport,
});
