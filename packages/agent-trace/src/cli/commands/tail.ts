import { SPAN_TYPES, type SpanType } from '@agent-trace/schema';
import { runTail } from '../../live/tail-loop.js';
import type { WatchFilter } from '../../live/span-watcher.js';
import { usageError } from '../../errors.js';
import { agentArg, flag, positiveInt, str } from '../args.js';
import type { Command } from '../command.js';

const DEFAULT_INTERVAL_MS = 250;

export const tailCommand: Command = {
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
  async run(ctx, values) {
    const type = str(values, 'type');
    if (type !== undefined && !(SPAN_TYPES as readonly string[]).includes(type)) {
      throw usageError(`--type must be one of ${SPAN_TYPES.join(', ')}; got '${type}'`);
    }
    const agent = agentArg(values);
    const session = str(values, 'session');
    const filter: WatchFilter = {
      ...(session ? { session } : {}),
      ...(type ? { type: type as SpanType } : {}),
      ...(agent ? { agent } : {}),
    };
    const store = await ctx.openStore();
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      if (ctx.isTTY) ctx.stderr.write('Following new spans; Ctrl-C to stop.\n');
      await runTail(store, ctx.stdout, {
        filter,
        json: flag(values, 'json'),
        intervalMs: positiveInt(values, 'interval') ?? DEFAULT_INTERVAL_MS,
        sinceNs: BigInt(ctx.now().getTime()) * 1_000_000n,
        signal: stop.signal,
      });
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    return 0;
  },
};
