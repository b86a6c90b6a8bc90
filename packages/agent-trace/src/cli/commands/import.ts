import { homedir } from 'node:os';
import { PRIVACY_TIERS, type PrivacyTier } from '@agent-trace/schema';
import { EXIT, usageError } from '../../errors.js';
import { importTranscripts, type ImportSummary } from '../../ingest/import.js';
import { createPipeline } from '../../pipeline/index.js';
import { assertTierSupported } from '../../pipeline/redact.js';
import { createPriceBook } from '../../pricing/index.js';
import { flag, str } from '../args.js';
import type { Command } from '../command.js';
import { formatBytes, formatInt, paint, writeJson } from '../output.js';
import { createProgressBar } from '../progress.js';

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

export const importCommand: Command = {
  name: 'import',
  summary: "Read Claude Code's transcripts (new bytes only) into the store",
  usage: 'import [--path DIR]... [--tier 1] [--json]',
  help: `Reads $CLAUDE_CONFIG_DIR (a comma-separated list) or else ~/.claude and ~/.config/claude:
projects/**/*.jsonl, sub-agent files included. Only bytes added since the last import are read;
re-running over unchanged files changes nothing.

Options:
      --path PATH      read this folder (every *.jsonl below it) or file instead; repeatable
      --tier N         privacy tier: 1 = metadata only (default). Tiers 2 and 3 (prompts and tool
                       content) are refused until the redaction rules are in place.
  -j, --json           the summary as JSON (files, bytes, lines, sessions, spans, problems)
  -q, --quiet          no progress bar and no summary line

Exit codes: 0 done; 4 no transcripts found; 5 done, but some files or lines could not be read
(they are listed, everything else was imported).`,
  options: {
    path: { type: 'string', multiple: true },
    tier: { type: 'string' },
    json: { type: 'boolean', short: 'j' },
    quiet: { type: 'boolean', short: 'q' },
  },
  async run(ctx, values) {
    const tier = tierArg(str(values, 'tier'), ctx.config.privacy.tier);
    assertTierSupported(tier);
    const pipeline = createPipeline({ ...ctx.config, privacy: { tier } }, createPriceBook(ctx.config.pricing.models));
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
        process: (batch) => pipeline.process(batch),
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
  },
};
