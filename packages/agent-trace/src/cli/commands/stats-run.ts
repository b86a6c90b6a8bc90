import { statsToJson } from '../../query/stats-json.js';
import { flag } from '../args.js';
import { formatBytes, formatInt, renderTable, writeJson } from '../output.js';
import type { CommandRun } from '../command.js';

export const runStats: CommandRun = async (ctx, values) => {
  const s = await (await ctx.openStore()).stats();
  const json = statsToJson(s);
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
