import { homedir } from 'node:os';
import { PRIVACY_TIERS, type PrivacyTier } from '@agent-trace/schema';
import { EXIT, usageError } from '../../errors.js';
import { importTranscripts, type ImportSummary } from '../../ingest/import.js';
import type { Pipeline } from '../../pipeline/index.js';
import { loadOrCreateSalt } from '../../privacy/salt.js';
import { flag, str } from '../args.js';
import { formatBytes, formatInt, paint, writeJson } from '../output.js';
import { createProgressBar } from '../progress.js';
import type { CommandRun } from '../command.js';

/** Problems printed in full; the rest are counted (all of them are in --json). */
const PROBLEMS_SHOWN = 20;

const tierArg = (value: string | undefined, fallback: PrivacyTier): PrivacyTier => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(PRIVACY_TIERS as readonly number[]).includes(n)) throw usageError(`--tier must be 1, 2 or 3; got '${value}'`);
  return n as PrivacyTier;
};

const summaryLine = (s: ImportSummary, ms: number): string =>
  `Imported ${formatInt(s.filesRead)} of ${formatInt(s.filesScanned)} files (${formatInt(s.filesUnchanged)} unchanged), ` +
  `${formatBytes(s.bytesRead)}, ${formatInt(s.linesRead)} lines, ${formatInt(s.sessions)} sessions, ${formatInt(s.spans)} spans in ${(ms / 1000).toFixed(1)}s` +
  (s.problems.length > 0 ? `; ${s.problems.length} problem${s.problems.length === 1 ? '' : 's'}` : '');

export const runImport: CommandRun = async (ctx, values) => {
  const tier = tierArg(str(values, 'tier'), ctx.config.privacy.tier);
  if (!ctx.config.collection.enabled || !ctx.config.collection.sources.transcripts) {
    throw usageError('collection of transcripts is turned off in the configuration (collection.enabled, collection.sources.transcripts); nothing was imported');
  }
  const pipelineConfig = { ...ctx.config, privacy: { ...ctx.config.privacy, tier } };
  const salt = loadOrCreateSalt(ctx.dataDir);
  // The pipeline (redaction rules, the price table and its validation with zod) is loaded and built only when
  // some file must be read: a re-import of 3,743 unchanged files spent ~60 ms of ~250 ms on it.
  const loadPipeline = async (): Promise<Pipeline> => {
    const [{ createPipeline }, { createPriceBook }] = await Promise.all([import('../../pipeline/index.js'), import('../../pricing/index.js')]);
    return createPipeline(pipelineConfig, createPriceBook(ctx.config.pricing.models), { salt });
  };
  // The user's own redaction patterns may not compile (a usage error): then it is built first, as always.
  let pipeline = pipelineConfig.privacy.redaction.patterns.length > 0 ? await loadPipeline() : undefined;
  const store = await ctx.openStore();
  const json = flag(values, 'json');
  const quiet = flag(values, 'quiet');
  const bar = createProgressBar(ctx.stderr, ctx.isTTY && !json && !quiet);
  const paths = (values['path'] as string[] | undefined) ?? [];
  const started = Date.now();
  let summary: ImportSummary;
  try {
    summary = await importTranscripts({
      store,
      env: ctx.env,
      home: ctx.env['HOME'] ?? homedir(),
      ...(paths.length > 0 ? { paths } : {}),
      includeContent: tier > 1,
      beforeRead: async () => {
        pipeline ??= await loadPipeline();
      },
      process: (batch) => {
        if (!pipeline) throw new Error('import: a batch reached the pipeline before it was built');
        return pipeline.process(batch);
      },
      onProgress: (p) =>
        bar.update({ filesDone: p.filesDone, filesTotal: p.filesTotal, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, sessions: p.sessionsSeen }),
    });
  } finally {
    bar.done();
  }
  const elapsed = Date.now() - started;
  if (json) {
    writeJson(ctx.stdout, { ...summary, durationMs: elapsed });
  } else if (!quiet) {
    ctx.stdout.write(`${summaryLine(summary, elapsed)}\n`);
  }
  if (summary.problems.length > 0) {
    if (!json) {
      for (const p of summary.problems.slice(0, PROBLEMS_SHOWN)) {
        ctx.stderr.write(`${paint(ctx.color, 'yellow', 'warning')}: ${p.file}${p.line === null ? '' : `:${p.line}`}: ${p.message}\n`);
      }
      if (summary.problems.length > PROBLEMS_SHOWN) {
        ctx.stderr.write(`… and ${summary.problems.length - PROBLEMS_SHOWN} more (see --json)\n`);
      }
    }
    return EXIT.partial;
  }
  return EXIT.ok;
};
