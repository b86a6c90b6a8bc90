#!/usr/bin/env node
/**
 * The `agent-trace` binary. `agent-trace hook` runs on every hook event the agent fires, so it takes a
 * fast path that loads only hook-main.ts (Node built-ins and a few small modules), never the CLI.
 *
 * The installed binary is this file bundled into one CommonJS file, dist/cli/agent-trace.cjs
 * (scripts/bundle-cli.mjs); it has no top-level await for that reason. dist/cli/main.js, the same code
 * unbundled, works too.
 */
const main = async (argv: string[]): Promise<void> => {
  if (argv[0] === 'hook') {
    const { runHookMain } = await import('./hook-main.js');
    // fd 0 read with fs: touching process.stdin for a pipe costs ~4.6 ms, a read of fd 0 ~0.9 ms.
    await runHookMain(argv.slice(1), process.env, 0);
    // A half-read stdin must not keep the process alive.
    process.exit(0);
  } else {
    // `agent-trace sessions | head`: a reader that stops early closes the pipe, and what is left of the output
    // has nowhere to go. That is the reader's choice, not an error: exit quietly instead of a stack trace.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
    const { runCli } = await import('./run.js');
    process.exitCode = await runCli(argv, {
      env: process.env,
      stdout: process.stdout,
      stderr: process.stderr,
      isTTY: Boolean(process.stdout.isTTY),
    });
  }
};

void main(process.argv.slice(2));
