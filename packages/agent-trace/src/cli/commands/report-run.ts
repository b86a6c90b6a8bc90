import { shortModelName } from '../model-name.js';
import { buildReport, REPORT_KINDS, type Report, type ReportKind } from '../../query/reports.js';
import { COST_MODES } from '../../query/cost-mode.js';
import { parseTimeRange } from '../../query/time-range.js';
import type { UsageTotals } from '../../query/usage-totals.js';
import type { BillingBlock } from '../../query/blocks.js';
import { usageError } from '../../errors.js';
import { WEEKDAYS } from '../../util/timezone.js';
import { agentArg, flag, oneOf, str, timezoneArg } from '../args.js';
import { formatInt, formatUsd, paint, renderTable, writeJson, type Column } from '../output.js';
import type { CommandRun } from '../command.js';

type TableRow = { label: string; models: string[]; totals: UsageTotals; breakdown: Array<{ modelName: string } & Omit<UsageTotals, 'totalCost' | 'totalTokens'> & { cost: number }> };

const TOKEN_COLUMNS: Column[] = [
  { header: 'Input', align: 'right' },
  { header: 'Output', align: 'right' },
  { header: 'Cache write', align: 'right' },
  { header: 'Cache read', align: 'right' },
  { header: 'Total tokens', align: 'right' },
  { header: 'Cost (USD)', align: 'right' },
];

const tokenCells = (t: Omit<UsageTotals, 'totalTokens' | 'totalCost'> & { totalTokens?: number; totalCost?: number; cost?: number }): string[] => {
  const total = t.totalTokens ?? t.inputTokens + t.outputTokens + t.cacheCreationTokens + t.cacheReadTokens;
  return [
    formatInt(t.inputTokens),
    formatInt(t.outputTokens),
    formatInt(t.cacheCreationTokens),
    formatInt(t.cacheReadTokens),
    formatInt(total),
    formatUsd(t.totalCost ?? t.cost ?? 0),
  ];
};

const rowsOf = (report: Exclude<Report, { kind: 'blocks' }>): { header: string; rows: TableRow[]; totals: UsageTotals } => {
  const pick = (label: string, r: UsageTotals & { modelsUsed: string[]; modelBreakdowns: TableRow['breakdown'] }): TableRow => ({
    label,
    models: r.modelsUsed,
    totals: r,
    breakdown: r.modelBreakdowns,
  });
  switch (report.kind) {
    case 'daily':
      return { header: 'Date', rows: report.daily.map((r) => pick(r.date, r)), totals: report.totals };
    case 'weekly':
      return { header: 'Week', rows: report.weekly.map((r) => pick(r.week, r)), totals: report.totals };
    case 'monthly':
      return { header: 'Month', rows: report.monthly.map((r) => pick(r.month, r)), totals: report.totals };
    case 'model':
      return { header: 'Model', rows: report.models.map((r) => pick(r.model, r)), totals: report.totals };
    case 'project':
      return { header: 'Project', rows: report.projects.map((r) => pick(r.project, r)), totals: report.totals };
    case 'session':
      return {
        header: 'Session',
        rows: report.sessions.map((r) => pick(`${r.sessionId.slice(0, 8)} ${r.projectName ?? ''}`.trimEnd(), r)),
        totals: report.totals,
      };
    default:
      return report satisfies never;
  }
};

const renderUsageTable = (report: Exclude<Report, { kind: 'blocks' }>, breakdown: boolean, color: boolean): string => {
  const { header, rows, totals } = rowsOf(report);
  const showModels = report.kind !== 'model';
  const columns: Column[] = [{ header }, ...(showModels ? [{ header: 'Models' }] : []), ...TOKEN_COLUMNS];
  const body: string[][] = [];
  for (const r of rows) {
    body.push([r.label, ...(showModels ? [r.models.map(shortModelName).join(', ')] : []), ...tokenCells(r.totals)]);
    if (breakdown) {
      for (const m of r.breakdown) {
        body.push([paint(color, 'dim', `  └ ${shortModelName(m.modelName)}`), ...(showModels ? [''] : []), ...tokenCells(m).map((c) => paint(color, 'dim', c))]);
      }
    }
  }
  const footer = [paint(color, 'bold', 'Total'), ...(showModels ? [''] : []), ...tokenCells(totals).map((c) => paint(color, 'bold', c))];
  let out = renderTable(columns, body, footer);
  if (report.unpricedModels.length > 0) {
    out += `\n${paint(color, 'yellow', `Unknown price for: ${report.unpricedModels.join(', ')} (their cost is not included; set pricing.models in config.yaml)`)}\n`;
  }
  return out;
};

const renderBlocks = (blocks: BillingBlock[], color: boolean): string => {
  const columns: Column[] = [{ header: 'Block start' }, { header: 'Status' }, { header: 'Calls', align: 'right' }, { header: 'Models' }, { header: 'Total tokens', align: 'right' }, { header: 'Cost (USD)', align: 'right' }];
  const rows = blocks.map((b) => [
    b.startTime.replace('T', ' ').slice(0, 16),
    b.isGap ? paint(color, 'dim', 'gap') : b.isActive ? paint(color, 'green', 'active') : 'done',
    b.isGap ? '' : formatInt(b.entries),
    b.models.map(shortModelName).join(', '),
    b.isGap ? '' : formatInt(b.totalTokens),
    b.isGap ? '' : formatUsd(b.costUSD),
  ]);
  return renderTable(columns, rows);
};

/** The JSON contract: ccusage's shape for each kind (without our internal `kind` tag). */
const toPublicJson = (report: Report): unknown => {
  const { kind: _kind, ...rest } = report;
  return rest;
};

export const runReport: CommandRun = async (ctx, values, positionals) => {
  const [kindArg, ...extra] = positionals;
  if (kindArg === undefined) throw usageError(`report needs a kind: ${REPORT_KINDS.join(', ')}`);
  if (!(REPORT_KINDS as readonly string[]).includes(kindArg)) {
    throw usageError(`unknown report '${kindArg}'; choose one of ${REPORT_KINDS.join(', ')}`);
  }
  if (extra.length > 0) throw usageError(`unexpected argument '${extra[0]}'`);
  const kind = kindArg as ReportKind;
  const timezone = timezoneArg(values, ctx.env);
  const now = ctx.now();
  const modeKey = str(values, 'cost-mode') !== undefined ? 'cost-mode' : 'mode';
  const report = await buildReport(await ctx.openStore(), {
    kind,
    timezone,
    range: parseTimeRange(str(values, 'since'), str(values, 'until'), timezone, now),
    costMode: oneOf(values, modeKey, COST_MODES, 'auto'),
    ...(str(values, 'order') !== undefined ? { order: oneOf(values, 'order', ['asc', 'desc'] as const, 'asc') } : {}),
    startOfWeek: oneOf(values, 'start-of-week', WEEKDAYS, 'sunday'),
    ...(str(values, 'project') ? { project: str(values, 'project')! } : {}),
    ...(str(values, 'model') ? { model: str(values, 'model')! } : {}),
    ...(agentArg(values) ? { agent: agentArg(values)! } : {}),
    now,
  });
  if (flag(values, 'json')) {
    writeJson(ctx.stdout, toPublicJson(report));
    return 0;
  }
  if (report.kind === 'blocks') {
    ctx.stdout.write(report.blocks.length === 0 ? 'No model calls in this range.\n' : renderBlocks(report.blocks, ctx.color));
    return 0;
  }
  if (rowsOf(report).rows.length === 0) {
    ctx.stdout.write("No model calls in this range. Run 'agent-trace import' to read Claude Code's transcripts.\n");
    return 0;
  }
  ctx.stdout.write(renderUsageTable(report, flag(values, 'breakdown'), ctx.color));
  return 0;
};
