#!/usr/bin/env node
// Redaction cost inside import: the same corpus imported from sources with no redaction (pricing only), at
// privacy tier 1 (metadata, every string still through the secret rules) and at tier 3 (all content, redacted).
//   node --import tsx bench/import-tiers.mjs [--corpus DIR] [--runs 3]
// Each run imports into a fresh SQLite store in a temp dir; medians reported; prints a markdown section.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { machineInfo } from './lib/machine.mjs';
import { median } from './lib/stats.mjs';

const REPO = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: join(REPO, 'bench', '.corpus', 'claude-30mb-300s-agent-trace') },
    runs: { type: 'string', default: '3' },
  },
});
const src = (path) => import(pathToFileURL(join(REPO, 'packages/agent-trace/src', path)).href);
const [{ importTranscripts }, { createPipeline }, { createPricer }, { createPriceBook }, { defaultConfig }, { SqliteStore }] = await Promise.all([
  src('ingest/import.ts'),
  src('pipeline/index.ts'),
  src('pipeline/price.ts'),
  src('pricing/index.ts'),
  src('config/config.ts'),
  src('store/sqlite/sqlite-store.ts'),
]);

const prices = createPriceBook({});
const variants = {
  'no redaction (pricing only)': { includeContent: false, process: createPricer(prices) },
  'tier 1 (metadata, redacted)': { includeContent: false, tier: 1 },
  'tier 3 (full content, redacted)': { includeContent: true, tier: 3 },
  'no redaction, content included': { includeContent: true, process: createPricer(prices) },
};

const runOnce = async (variant) => {
  const dir = mkdtempSync(join(tmpdir(), 'agent-trace-bench-'));
  const store = SqliteStore.open(join(dir, 'bench.db'));
  let process = variant.process;
  if (!process) {
    const config = defaultConfig();
    config.privacy.tier = variant.tier;
    const pipeline = createPipeline(config, prices, { salt: 'bench-salt' });
    process = (b) => pipeline.process(b);
  }
  // Time inside the pipeline, measured directly: on a shared machine the difference of two import times is noisier.
  let inPipeline = 0;
  const timed = (b) => {
    const s = performance.now();
    const out = process(b);
    inPipeline += performance.now() - s;
    return out;
  };
  const t0 = performance.now();
  const summary = await importTranscripts({ store, env: {}, home: dir, paths: [values.corpus], includeContent: variant.includeContent, process: timed });
  const ms = performance.now() - t0;
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { ms, inPipeline, summary };
};

const runs = Number(values.runs);
const results = {};
for (const [name, variant] of Object.entries(variants)) {
  const times = [];
  const pipelineTimes = [];
  let summary;
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(variant);
    times.push(r.ms);
    pipelineTimes.push(r.inPipeline);
    summary = r.summary;
  }
  results[name] = { ms: median(times), pipelineMs: median(pipelineTimes), spans: summary.spans, bytes: summary.bytesRead };
  console.error(`${name}: ${results[name].ms.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
}
const lines = [
  `### Redaction cost inside import (${values.corpus.split('/').pop()}, median of ${runs})`,
  '',
  machineInfo ? `Machine: ${typeof machineInfo === 'function' ? JSON.stringify(machineInfo()) : ''}` : '',
  '',
  '| variant | import time | spans | MB/s | time in pipeline | pipeline share of import |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...Object.entries(results).map(([name, r]) => {
    const share = `${((r.pipelineMs / r.ms) * 100).toFixed(1)}%`;
    return `| ${name} | ${(r.ms / 1000).toFixed(2)} s | ${r.spans.toLocaleString('en-US')} | ${(r.bytes / 1e6 / (r.ms / 1000)).toFixed(1)} | ${r.pipelineMs.toFixed(0)} ms | ${share} |`;
  }),
];
console.log(lines.join('\n'));
