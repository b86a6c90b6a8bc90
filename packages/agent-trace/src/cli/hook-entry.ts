#!/usr/bin/env node
import { runHookMain } from './hook-main.js';

/**
 * Stand-alone entry for `agent-trace hook`, run from sources (the tests run it through tsx). What Claude Code's
 * settings run is its built form, dist/hook.cjs: hook-loader-entry.ts running hook-body.ts with V8's code cache
 * (scripts/bundle-hook.mjs). Reads stdin as fd 0 (read-fd.ts) and exits explicitly: a read still pending at the
 * deadline must not keep the process alive.
 */
void runHookMain(process.argv.slice(2), process.env, 0).then(() => process.exit(0));
