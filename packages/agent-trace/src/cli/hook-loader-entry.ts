import { join } from 'node:path';
import { runCachedHook } from './hook-loader.js';

/** The SHA-256 of dist/hook-body.cjs, set by scripts/bundle-hook.mjs. */
declare const HOOK_BODY_SHA256: string;

/**
 * The entry of dist/hook.cjs (hook-loader.ts says why it is a loader), bundled as CommonJS by
 * scripts/bundle-hook.mjs: `__dirname` is dist/ and `require` loads the built-ins. Always exits 0, as the hook
 * does, and explicitly: a read of stdin still pending at the deadline must not keep the process alive.
 */
runCachedHook({ path: join(__dirname, 'hook-body.cjs'), sha256: HOOK_BODY_SHA256, load: require }, process.argv.slice(2), process.env)
  .catch((err: unknown) => {
    process.stderr.write(`agent-trace hook: ${(err as Error)?.message ?? String(err)}\n`);
  })
  .finally(() => process.exit(0));
