#!/usr/bin/env node
import { runHookMain } from './hook-main.js';

/**
 * Stand-alone entry for `agent-trace hook` (what main.ts's fast path does), used by the tests and the latency
 * benchmark until main.ts routes there. Exits explicitly: a half-read stdin must not keep the process alive.
 */
await runHookMain(process.argv.slice(2), process.env, process.stdin);
process.exit(0);
