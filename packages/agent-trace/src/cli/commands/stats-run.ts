import { nanoToIso } from '@agent-trace/schema';
import { flag } from '../args.js';
import { formatBytes, formatInt, renderTable, writeJson } from '../output.js';
import type { CommandRun } from '../command.js';

export const runStats: CommandRun = async (ctx, values) => {
  const s = await (await ctx.openStore()).stats();
  const iso = (ns: bigint | null): string | null => (ns === null ? null : nanoToIso(ns));
  const json = {
    backend: s.backend,
    location: s.location,
    sizeBytes: s.sizeBytes,
    sessions: s.sessions,
    spans: s.spans,
    logs: s.logs,
    metrics: s.metrics,
    files: s.files,
    firstStart: iso(s.firstStartNs),
    lastStart: iso(s.lastStartNs),
    byAgent: s.byAgent.map((a) => ({ agent: a.agent, sessions: a.sessions, spans: a.spans, firstStart: iso(a.firstStartNs), lastStart: iso(a.lastStartNs) })),
  };
  if (flag(values, 'json')) {
    writeJson(ctx.stdout, json);
    return 0;
  }
  const lines = [
    `Store     ${s.backend} at ${s.location} (${formatBytes(s.sizeBytes)})`,
    `Sessions  ${formatInt(s.sessions)}   spans ${formatInt(s.spans)}   logs ${formatInt(s.logs)}   metric points ${formatInt(s.metrics)}   files read ${formatInt(s.files)}`,
    `Range     ${json.firstStart ?? '—'} → ${json.lastStart ?? '—'}`,
    '',
  ];
  ctx.stdout.write(lines.join('\n'));
  if (s.byAgent.length > 0) {
    ctx.stdout.write(
      renderTable(
        [{ header: 'Agent' }, { header: 'Sessions', align: 'right' }, { header: 'Spans', align: 'right' }, { header: 'First' }, { header: 'Last' }],
        json.byAgent.map((a) => [a.agent, formatInt(a.sessions), formatInt(a.spans), a.firstStart?.slice(0, 10) ?? '—', a.lastStart?.slice(0, 10) ?? '—']),
      ),
    );
  }
  return 0;
};
