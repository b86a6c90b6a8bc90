import type { Readable } from 'node:stream';
import { resolveDataDir } from '../config/data-dir.js';
import { collectorUrl } from '../ingest/hooks/client/collector-url.js';
import { DEFAULT_DEADLINE_MS, runHook, type HookOutcome } from '../ingest/hooks/client/run-hook.js';
import { parseHookArgs } from './hook-args.js';

export { parseHookArgs, type HookArgs } from './hook-args.js';

/** The process start, in ns since the epoch (microsecond precision): the closest we know to the event's time. */
const processStartNs = (): bigint => BigInt(Math.round(performance.timeOrigin * 1000)) * 1000n;

/**
 * `agent-trace hook`, the fast path: the agent runs it on every hook event, so it loads only node built-ins and
 * the few modules of the hook client (no SQLite, no zod, no other commands). main.ts routes to it before the
 * rest of the CLI loads. Always exits 0 with nothing on stdout, whatever happens; a hard timer ends the
 * process if something below ever hangs past the deadline.
 */
export const runHookMain = async (argv: readonly string[], env: NodeJS.ProcessEnv, stdin: Readable | number): Promise<0> => {
  await runHookCommand(argv, env, stdin);
  return 0;
};

/** runHookMain's run, giving what became of the event (null when the data dir could not be written). */
export const runHookCommand = async (argv: readonly string[], env: NodeJS.ProcessEnv, stdin: Readable | number): Promise<HookOutcome | null> => {
  const hardStop = setTimeout(() => process.exit(0), DEFAULT_DEADLINE_MS + 250);
  hardStop.unref();
  try {
    const args = parseHookArgs(argv);
    return await runHook({
      dataDir: resolveDataDir(args.dataDir, env),
      collector: collectorUrl(env, args.url),
      stdin,
      receivedAtNs: processStartNs(),
      ...(args.agent ? { agent: args.agent } : {}),
    });
  } catch (err) {
    // Nothing may reach the agent but exit code 0; a broken data dir is worth a line on stderr, which
    // Claude Code shows only in verbose mode for a hook that exits 0.
    process.stderr.write(`agent-trace hook: ${(err as Error)?.message ?? String(err)}\n`);
    return null;
  }
};
