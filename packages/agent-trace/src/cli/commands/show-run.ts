import type { SessionId } from '@agent-trace/schema';
import { AgentTraceError, notFound, usageError } from '../../errors.js';
import { buildReplay, type ReplayItem, type ReplayTurn } from '../../query/replay.js';
import { buildSpanTree } from '../../query/span-tree.js';
import { treeToJson } from '../../query/span-json.js';
import type { Store } from '../../store/types.js';
import { flag } from '../args.js';
import { formatDuration, formatInt, formatUsdPrecise, paint, writeJson } from '../output.js';
import { shortModelName } from '../model-name.js';
import type { CommandRun } from '../command.js';

/** Resolves a full id or a unique prefix; an ambiguous prefix lists the candidates. */
export const resolveSessionId = async (store: Store, idOrPrefix: string): Promise<SessionId> => {
  const exact = await store.getSession(idOrPrefix as SessionId);
  if (exact) return exact.id;
  const matches = await store.findSessionIds(idOrPrefix, 11);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw notFound(`no session matches '${idOrPrefix}'. Run 'agent-trace sessions' to list them.`);
  const shown = matches.slice(0, 10).join('\n  ');
  throw new AgentTraceError('usage', `'${idOrPrefix}' matches several sessions; give more characters:\n  ${shown}${matches.length > 10 ? '\n  …' : ''}`);
};

const time = (iso: string): string => iso.slice(11, 19);

const describe = (item: ReplayItem, color: boolean): string => {
  const dur = formatDuration(item.durationMs);
  const err = item.status === 'error' ? paint(color, 'red', ` ✗ ${item.statusMessage ?? 'error'}`) : '';
  switch (item.kind) {
    case 'llm_call': {
      const u = item.usage;
      const tokens = u ? `in ${formatInt(u.input)} out ${formatInt(u.output)} cache r ${formatInt(u.cacheRead)} w ${formatInt(u.cacheWrite5m + u.cacheWrite1h)}` : '';
      return `${paint(color, 'cyan', 'model')} ${shortModelName(item.model ?? '?')}  ${tokens}  ${formatUsdPrecise(item.costUsd ?? null)}${err}`;
    }
    case 'tool_call':
      return `${paint(color, 'yellow', 'tool ')} ${item.toolName ?? item.name}  ${dur}  ${item.status === 'error' ? '' : item.status === 'ok' ? 'ok' : 'no result'}${err}`;
    case 'subagent':
      return `${paint(color, 'bold', 'agent')} ${item.agentType ?? item.name}  ${dur}${err}`;
    case 'error':
      return paint(color, 'red', `error ${item.statusMessage ?? item.name}`);
    default:
      return `${item.kind} ${item.name}  ${dur}${err}`;
  }
};

const renderItems = (items: readonly ReplayItem[], depth: number, color: boolean, out: string[]): void => {
  for (const item of items) {
    out.push(`${'  '.repeat(depth)}${paint(color, 'dim', time(item.startTime))}  ${describe(item, color)}`);
    if (item.children) renderItems(item.children, depth + 1, color, out);
  }
};

const renderTurn = (turn: ReplayTurn, color: boolean, out: string[]): void => {
  out.push('');
  out.push(
    paint(color, 'bold', `Turn ${turn.index}`) +
      `  ${turn.startTime.replace('T', ' ').slice(0, 19)}  ${formatDuration(turn.durationMs)}  ` +
      `${turn.llmCalls} model calls, ${turn.toolCalls} tool calls${turn.errors > 0 ? paint(color, 'red', `, ${turn.errors} errors`) : ''}  ${formatUsdPrecise(turn.costUsd)}`,
  );
  renderItems(turn.items, 1, color, out);
};

export const runShow: CommandRun = async (ctx, values, positionals) => {
  if (positionals.length !== 1) throw usageError('show takes one session id (or a unique prefix of one)');
  const store = await ctx.openStore();
  const id = await resolveSessionId(store, positionals[0]!);
  const session = (await store.getSession(id))!;
  const spans = await store.getSpans(id);
  const json = flag(values, 'json');
  if (flag(values, 'spans')) {
    const tree = buildSpanTree(spans).map(treeToJson);
    if (json) writeJson(ctx.stdout, { sessionId: id, spans: tree });
    else {
      const lines: string[] = [];
      const walk = (nodes: typeof tree, depth: number): void => {
        for (const n of nodes) {
          lines.push(`${'  '.repeat(depth)}${n.type} ${n.name} [${n.spanId}] ${formatDuration(n.durationMs)} ${n.status}`);
          walk(n.children ?? [], depth + 1);
        }
      };
      walk(tree, 0);
      ctx.stdout.write(`${lines.join('\n')}\n`);
    }
    return 0;
  }
  const replay = buildReplay(session, spans);
  if (json) {
    writeJson(ctx.stdout, replay);
    return 0;
  }
  const s = replay.session;
  const t = s.totals;
  const out: string[] = [
    paint(ctx.color, 'bold', `Session ${s.id}`),
    `${s.agent}${s.agentVersion ? ` ${s.agentVersion}` : ''}  ${s.projectName ?? ''}${s.gitBranch ? ` (${s.gitBranch})` : ''}`,
    `${s.startTime.replace('T', ' ').slice(0, 19)} → ${s.endTime ? s.endTime.replace('T', ' ').slice(0, 19) : '…'}  ${formatDuration(s.durationMs)}  ${s.status}` +
      (replay.activity.idleMs > 0 ? `  (active ${formatDuration(replay.activity.activeMs)}, waiting on the user ${formatDuration(replay.activity.idleMs)})` : ''),
    `${t.prompts} prompts, ${t.llmCalls} model calls, ${t.toolCalls} tool calls, ${t.subagents} sub-agents, ${t.errors} errors`,
    `tokens: in ${formatInt(t.inputTokens)} out ${formatInt(t.outputTokens)} cache read ${formatInt(t.cacheReadTokens)} write ${formatInt(t.cacheWriteTokens)}  cost ${formatUsdPrecise(t.costUsd)}${t.unpricedCalls > 0 ? paint(ctx.color, 'yellow', ` (+${t.unpricedCalls} calls of unknown price)`) : ''}`,
    `models: ${s.models.join(', ') || '—'}`,
  ];
  for (const turn of replay.turns) renderTurn(turn, ctx.color, out);
  if (replay.other.length > 0) {
    out.push('', paint(ctx.color, 'bold', 'Outside any turn'));
    renderItems(replay.other, 1, ctx.color, out);
  }
  ctx.stdout.write(`${out.join('\n')}\n`);
  return 0;
};
