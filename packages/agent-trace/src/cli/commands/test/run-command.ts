import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { defaultConfig } from '../../../config/config.js';
import { openStore } from '../../../store/open.js';
import type { Store } from '../../../store/types.js';
import type { Command, CommandContext } from '../../command.js';
import { GLOBAL_OPTIONS } from '../../run.js';

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

const sink = (): { stream: Writable; text: () => string } => {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer | string, _enc, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
    text: () => chunks.join(''),
  };
};

/**
 * Runs one command in-process the way run.ts does (a fixed clock, no colour, a temporary data dir), for
 * commands not yet registered in commands/index.ts.
 */
export const runCommand = async (command: Command, argv: string[], opts: { dataDir: string; env?: NodeJS.ProcessEnv; now?: Date }): Promise<CommandRun> => {
  const out = sink();
  const err = sink();
  const { values, positionals } = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  let store: Store | undefined;
  const ctx: CommandContext = {
    env: opts.env ?? {},
    stdout: out.stream,
    stderr: err.stream,
    isTTY: false,
    color: false,
    dataDir: opts.dataDir,
    config: defaultConfig(),
    now: () => opts.now ?? new Date('2026-11-21T12:00:00Z'),
    openStore: async () => (store ??= await openStore(opts.dataDir, defaultConfig())),
  };
  try {
    const code = await command.run(ctx, values, positionals);
    return { code, stdout: out.text(), stderr: err.text() };
  } finally {
    await store?.close();
  }
};
