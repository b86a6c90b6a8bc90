import type { Readable } from 'node:stream';
import { resolveDataDir } from '../config/data-dir.js';
import { collectorUrl } from '../ingest/hooks/client/collector-url.js';
import { DEFAULT_DEADLINE_MS, runHook } from '../ingest/hooks/client/run-hook.js';

/** The process start, in ns since the epoch (microsecond precision): the closest we know to the event's time. */
const processStartNs = (): bigint => BigInt(Math.round(performance.timeOrigin * 1000)) * 1000n;

/** The hook's options; the values of absent ones, and of one given last without a value, are undefined. */
export interface HookArgs {
  dataDir?: string | undefined;
  url?: string | undefined;
  agent?: string | undefined;
}

const HOOK_OPTIONS: Readonly<Record<string, keyof HookArgs>> = { 'data-dir': 'dataDir', url: 'url', agent: 'agent' };

/**
 * What `parseArgs` from node:util gives for three string options, `strict: false` and positionals allowed (the
 * hook must never fail on arguments it does not know): `--name value` takes the next argument whatever it is,
 * `--name=value` splits at the first `=`, the last occurrence wins, `--` ends the options, anything else is
 * skipped. Written out because node:util loads parseArgs and its validators on first use, ~0.6 ms of every hook
 * run (measured); hook-main.test.ts compares the two on generated argument lists.
 */
export const parseHookArgs = (argv: readonly string[]): HookArgs => {
  const args: HookArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') break;
    if (arg.length <= 2 || !arg.startsWith('--')) continue;
    if (arg.includes('=', 3)) {
      const equals = arg.indexOf('=');
      const option = arg.slice(2, equals);
      if (Object.hasOwn(HOOK_OPTIONS, option)) args[HOOK_OPTIONS[option] as keyof HookArgs] = arg.slice(equals + 1);
      continue;
    }
    const option = arg.slice(2);
    if (!Object.hasOwn(HOOK_OPTIONS, option)) continue;
    // parseArgs keeps `true` for a string option given last without a value: no value.
    args[HOOK_OPTIONS[option] as keyof HookArgs] = i + 1 < argv.length ? argv[++i] : undefined;
  }
  return args;
};

/**
 * `agent-trace hook`, the fast path: the agent runs it on every hook event, so it loads only node built-ins and
 * the few modules of the hook client (no SQLite, no zod, no other commands). main.ts routes to it before the
 * rest of the CLI loads. Always exits 0 with nothing on stdout, whatever happens; a hard timer ends the
 * process if something below ever hangs past the deadline.
 */
export const runHookMain = async (argv: readonly string[], env: NodeJS.ProcessEnv, stdin: Readable | number): Promise<0> => {
  const hardStop = setTimeout(() => process.exit(0), DEFAULT_DEADLINE_MS + 250);
  hardStop.unref();
  try {
    const args = parseHookArgs(argv);
    await runHook({
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
  }
  return 0;
};
