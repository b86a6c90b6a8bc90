import { SPAN_TYPES, type SpanType } from '@agent-trace/schema';
import { runTail } from '../../live/tail-loop.js';
import type { WatchFilter } from '../../live/span-watcher.js';
import { usageError } from '../../errors.js';
import { agentArg, flag, positiveInt, str } from '../args.js';
import type { CommandRun } from '../command.js';

import { DEFAULT_INTERVAL_MS } from './tail.js';

export const runTailCommand: CommandRun = async (ctx, values) => {
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
};
