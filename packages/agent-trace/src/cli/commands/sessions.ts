import { nanoToIso } from '@agent-trace/schema';
import { SESSION_SORT_KEYS, type SessionQuery } from '../../store/types.js';
import { parseTimeRange } from '../../query/time-range.js';
import { sessionToJson } from '../../query/session-json.js';
import { agentArg, flag, nonNegativeInt, oneOf, positiveInt, str, TIME_HELP, TIME_OPTIONS, timezoneArg } from '../args.js';
import type { Command } from '../command.js';
import { formatDuration, formatInt, formatUsd, paint, renderTable, writeJson } from '../output.js';
import { shortModelName } from '../model-name.js';

export const DEFAULT_SESSION_LIMIT = 50;

export const sessionsCommand: Command = {
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
  async run(ctx, values) {
    const tz = timezoneArg(values, ctx.env);
    const range = parseTimeRange(str(values, 'since'), str(values, 'until'), tz, ctx.now());
    const agent = agentArg(values);
    const filter: SessionQuery = {
      ...range,
      ...(str(values, 'project') ? { project: str(values, 'project')! } : {}),
      ...(str(values, 'model') ? { model: str(values, 'model')! } : {}),
      ...(agent ? { agent } : {}),
    };
    const query: SessionQuery = {
      ...filter,
      sort: oneOf(values, 'sort', SESSION_SORT_KEYS, 'start'),
      order: oneOf(values, 'order', ['asc', 'desc'] as const, 'desc'),
      limit: positiveInt(values, 'limit') ?? DEFAULT_SESSION_LIMIT,
      offset: nonNegativeInt(values, 'offset') ?? 0,
    };
    const store = await ctx.openStore();
    const [sessions, total] = await Promise.all([store.listSessions(query), store.countSessions(filter)]);
    if (flag(values, 'json')) {
      writeJson(ctx.stdout, { sessions: sessions.map(sessionToJson), total });
      return 0;
    }
    if (sessions.length === 0) {
      ctx.stdout.write("No sessions match. Run 'agent-trace import' to read Claude Code's transcripts.\n");
      return 0;
    }
    const rows = sessions.map((s) => [
      s.id.slice(0, 8),
      nanoToIso(s.startNs).replace('T', ' ').slice(0, 16),
      formatDuration(s.summary.durationMs),
      s.projectName ?? '—',
      s.models.map(shortModelName).join(', '),
      formatInt(s.totals.prompts),
      formatInt(s.totals.toolCalls),
      s.totals.errors > 0 ? paint(ctx.color, 'red', formatInt(s.totals.errors)) : '0',
      formatInt(s.totals.inputTokens + s.totals.outputTokens + s.totals.cacheReadTokens + s.totals.cacheWriteTokens),
      formatUsd(s.totals.costUsd),
    ]);
    ctx.stdout.write(
      renderTable(
        [
          { header: 'Session' },
          { header: 'Started (UTC)' },
          { header: 'Duration', align: 'right' },
          { header: 'Project' },
          { header: 'Models' },
          { header: 'Prompts', align: 'right' },
          { header: 'Tools', align: 'right' },
          { header: 'Errors', align: 'right' },
          { header: 'Tokens', align: 'right' },
          { header: 'Cost', align: 'right' },
        ],
        rows,
      ),
    );
    if (total > sessions.length) ctx.stdout.write(`\nShowing ${sessions.length} of ${total}; use --limit and --offset for more.\n`);
    return 0;
  },
};
