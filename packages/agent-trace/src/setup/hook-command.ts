import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`);

/**
 * The command Claude Code runs for each hook event. The absolute paths of this node and of the installed CLI:
 * no PATH lookup (Claude Code started from a desktop launcher may have another PATH), no `#!/usr/bin/env node`
 * resolution, and no npx, which resolves the package on every run and costs hundreds of milliseconds per event
 * (and `npx --no-install` fails outside a project that has agent-trace installed). When node or agent-trace
 * move (an nvm switch, a reinstall elsewhere), running `init` again updates the entries in place. Run from
 * sources (a .ts entry), there is no stable script to point at, and `agent-trace hook` from PATH is used.
 */
export const defaultHookCommand = (entryScript: string | undefined, execPath: string): { command: string; fromPath: boolean } => {
  if (entryScript && /\.(?:c|m)?js$/.test(entryScript)) {
    let script = entryScript;
    try {
      script = realpathSync(entryScript);
    } catch {
      // Keep the path as given.
    }
    // The one-file CommonJS bundle of the hook (scripts/bundle-hook.mjs) starts as fast as `node -e 0`;
    // through main.js the ES-module loader alone adds ~7 ms to every hook event.
    const bundle = join(dirname(script), '..', 'hook.cjs');
    if (existsSync(bundle)) return { command: `${quote(execPath)} ${quote(bundle)}`, fromPath: false };
    return { command: `${quote(execPath)} ${quote(script)} hook`, fromPath: false };
  }
  return { command: 'agent-trace hook', fromPath: true };
};
