import { EXIT } from '../../errors.js';
import { pruneOptionsOf, retentionDaysArg } from '../../retention/retention-policy.js';
import { flag, str } from '../args.js';
import { formatBytes, formatInt, writeJson } from '../output.js';
import type { CommandRun } from '../command.js';

export const runPrune: CommandRun = async (ctx, values) => {
  const olderThan = str(values, 'older-than');
  const days = olderThan === undefined ? ctx.config.retention.days : retentionDaysArg(olderThan, '--older-than');
  const dryRun = flag(values, 'dry-run');
  const store = await ctx.openStore();
  const result = await store.prune({ ...pruneOptionsOf(ctx.config.retention, ctx.now(), days), dryRun });
  if (flag(values, 'json')) {
    writeJson(ctx.stdout, { ...result, days, dryRun });
    return EXIT.ok;
  }
  const what = `${formatInt(result.sessions)} session${result.sessions === 1 ? '' : 's'} (${formatInt(result.spans)} spans)`;
  ctx.stdout.write(
    dryRun
      ? `Would delete ${what}: last active more than ${days} days ago, or beyond the configured limits. Nothing was deleted.\n`
      : `Deleted ${what}, ${formatInt(result.logs)} logs and ${formatInt(result.metrics)} metric points older than ${days} days ` +
          `or beyond the configured limits; store ${formatBytes(result.bytesBefore)} → ${formatBytes(result.bytesAfter)}.\n`,
  );
  return EXIT.ok;
};
