import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { flagOverrides } from '../../config/flag-overrides.js';
import { openStore } from '../../store/open.js';
import { serveCommand } from '../../cli/commands/serve.js';

/**
 * Runs `agent-trace serve --port 0 --grpc-port 0 --no-watch --json` in this process, for the crash and
 * shutdown tests (the command is not registered in the CLI's command list by this module). argv: DATA_DIR, then any serve options.
 */
const [dataDir, ...extra] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: run-serve.ts DATA_DIR [serve options]');
const { values: given } = parseArgs({ args: extra, options: serveCommand.options, strict: true });
const values = { port: '0', 'grpc-port': '0', 'no-watch': true, json: true, ...given };
// As the CLI does: --host, --port and --grpc-port are configuration flags.
const config = await loadConfig(dataDir, undefined, { env: process.env, flags: flagOverrides(serveCommand.configFlags, values) });
const store = await openStore(dataDir, config);
const code = await serveCommand.run(
  {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: false,
    color: false,
    dataDir,
    config,
    now: () => new Date(),
    openStore: async () => store,
  },
  values,
  [],
);
await store.close();
process.exitCode = code;
