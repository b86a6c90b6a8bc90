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
