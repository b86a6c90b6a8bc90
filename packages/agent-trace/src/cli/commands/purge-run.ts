import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { EXIT, usageError } from '../../errors.js';
import { spoolPaths } from '../../spool/spool-paths.js';
import { flag } from '../args.js';
import { formatBytes, formatInt, writeJson } from '../output.js';
import type { CommandContext, CommandRun } from '../command.js';

const ask = async (ctx: CommandContext, question: string): Promise<boolean> => {
  if (!process.stdin.isTTY) throw usageError(`${question.replace(/ \[y\/N\] $/, '')}: stdin is not a terminal, so pass --yes to confirm`);
  const rl = createInterface({ input: process.stdin, output: ctx.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
};

/** What lives beside the store and holds collected data: the hook spool and dead letters, the collector's logs. */
const removeSideFiles = (dataDir: string): void => {
  const spool = spoolPaths(dataDir);
  for (const path of [spool.spool, spool.draining, spool.deadLetter]) rmSync(path, { force: true });
  rmSync(join(dataDir, 'logs'), { recursive: true, force: true });
};

export const runPurge: CommandRun = async (ctx, values) => {
  const content = flag(values, 'content');
  const question = content
    ? `Strip all prompts, tool parameters, results and titles from the store in ${ctx.dataDir}? [y/N] `
    : `Delete everything agent-trace collected in ${ctx.dataDir}? [y/N] `;
  if (!flag(values, 'yes') && !(await ask(ctx, question))) {
    ctx.stderr.write('Nothing was deleted.\n');
    return EXIT.ok;
  }
  const store = await ctx.openStore();
  if (content) {
    const result = await store.purgeContent();
    if (flag(values, 'json')) writeJson(ctx.stdout, { content: true, ...result });
    else ctx.stdout.write(`Stripped content from ${formatInt(result.spans)} spans and ${formatInt(result.logs)} logs; cleared ${formatInt(result.sessions)} titles.\n`);
    return EXIT.ok;
  }
  const result = await store.purgeAll();
  removeSideFiles(ctx.dataDir);
  if (flag(values, 'json')) writeJson(ctx.stdout, { content: false, ...result });
  else {
    ctx.stdout.write(
      `Deleted ${formatInt(result.sessions)} sessions, ${formatInt(result.spans)} spans, ${formatInt(result.logs)} logs and ` +
        `${formatInt(result.metrics)} metric points, the hook spool and the collector's logs; store ${formatBytes(result.bytesBefore)} → ${formatBytes(result.bytesAfter)}.\n`,
    );
  }
  return EXIT.ok;
};
