import { nanoToIso } from '@agent-trace/schema';
import { SESSION_SORT_KEYS, type SessionQuery } from '../../store/types.js';
import { sessionToJson } from '../../query/session-json.js';
import { flag, nonNegativeInt, oneOf, positiveInt, sessionFilterArgs } from '../args.js';
import { formatDuration, formatInt, formatUsd, paint, renderTable, writeJson } from '../output.js';
import { shortModelName } from '../model-name.js';
import type { CommandRun } from '../command.js';
import { DEFAULT_SESSION_LIMIT } from './sessions.js';

export const runSessions: CommandRun = async (ctx, values) => {
  const filter = sessionFilterArgs(values, ctx.env, ctx.now());
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
};
