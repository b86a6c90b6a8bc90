import { resolve } from 'node:path';
import { usageError } from '../../errors.js';
import { EXPORT_FORMATS, exportSessions, fileSink, streamSink, type ExportSink } from '../../export/index.js';
import { VERSION } from '../../version.js';
import { flag, oneOf, sessionFilterArgs, str } from '../args.js';
import { formatBytes, formatInt } from '../output.js';
import type { CommandRun } from '../command.js';
import { resolveSessionId } from './show-run.js';

const FILTER_FLAGS = ['since', 'until', 'project', 'model', 'agent'] as const;

export const runExport: CommandRun = async (ctx, values, positionals) => {
  const format = oneOf(values, 'format', EXPORT_FORMATS, 'otlp-json');
  if (positionals.length > 0) {
    const mixed = FILTER_FLAGS.filter((f) => values[f] !== undefined);
    if (mixed.length > 0) throw usageError(`give sessions or filters, not both (--${mixed.join(', --')} with session ids)`);
  }
  const filter = sessionFilterArgs(values, ctx.env, ctx.now());
  const output = str(values, 'output');
  const store = await ctx.openStore();
  // Two prefixes of one session export it once.
  const sessionIds = positionals.length > 0 ? [...new Set(await Promise.all(positionals.map((p) => resolveSessionId(store, p))))] : undefined;

  let sink: ExportSink;
  let file: ReturnType<typeof fileSink> | null = null;
  if (output !== undefined && output !== '-') {
    try {
      file = fileSink(resolve(output));
    } catch (err) {
      throw usageError(`cannot write ${output}: ${(err as Error).message}`);
    }
    sink = file.sink;
  } else {
    sink = streamSink(ctx.stdout);
  }
  let summary;
  try {
    summary = await exportSessions({ store, format, ...(sessionIds ? { sessionIds } : { filter }), version: VERSION, sink });
    file?.commit();
  } catch (err) {
    file?.abort();
    throw err;
  }
  if (!flag(values, 'quiet')) {
    const where = file ? ` to ${output}` : '';
    ctx.stderr.write(
      summary.sessions === 0
        ? `No sessions match; nothing exported${where}.\n`
        : `Exported ${formatInt(summary.sessions)} session${summary.sessions === 1 ? '' : 's'}, ${formatInt(summary.spans)} spans (${formatBytes(summary.bytes)}, ${format})${where}.\n`,
    );
  }
  return 0;
};
