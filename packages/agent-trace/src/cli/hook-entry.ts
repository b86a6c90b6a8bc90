#!/usr/bin/env node
import { runHookMain } from './hook-main.js';

/**
 * Stand-alone entry for `agent-trace hook`. The build bundles it into one CommonJS file, dist/hook.cjs
 * (scripts/bundle-hook.mjs), which is what Claude Code's settings should run. Reads stdin as fd 0 (read-fd.ts)
 * and exits explicitly: a read still pending at the deadline must not keep the process alive. No top-level
 * await, so the same file bundles as CommonJS.
 */
void runHookMain(process.argv.slice(2), process.env, 0).then(() => process.exit(0));
