#!/usr/bin/env node
// Generates a deterministic, realistic Claude Code transcript corpus laid out as a Claude config dir.
//   node bench/generate-claude-corpus.mjs [--out bench/.corpus/claude-300mb] [--size-mb 300] [--sessions 3000]
//        [--seed agent-trace] [--end-date 2026-11-20] [--days 30] [--projects 24]
// Same flags, same bytes. Writes <out>/corpus.json describing what was generated.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { generateCorpus } from './lib/claude/corpus.mjs';
import { CORPUS_FORMAT, defaultCorpusDir } from './lib/corpus-params.mjs';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    'size-mb': { type: 'string', default: '300' },
    sessions: { type: 'string', default: '3000' },
    seed: { type: 'string', default: 'agent-trace' },
    'end-date': { type: 'string', default: '2026-11-20' },
    days: { type: 'string', default: '30' },
    projects: { type: 'string', default: '24' },
    quiet: { type: 'boolean', default: false },
  },
});

const positiveInt = (name) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got '${values[name]}'`);
  return n;
};

const params = {
  format: CORPUS_FORMAT,
  sizeMb: positiveInt('size-mb'),
  sessions: positiveInt('sessions'),
  seed: values.seed,
  endDate: values['end-date'],
  days: positiveInt('days'),
  projects: positiveInt('projects'),
};
if (!/^\d{4}-\d{2}-\d{2}$/.test(params.endDate) || Number.isNaN(Date.parse(params.endDate))) {
  throw new Error(`--end-date must be YYYY-MM-DD, got '${params.endDate}'`);
}
const out = resolve(values.out ?? defaultCorpusDir(params));

// Never delete a folder this script did not make.
if (existsSync(out)) {
  if (!existsSync(join(out, 'corpus.json'))) throw new Error(`${out} exists and is not a generated corpus (no corpus.json); pick another --out`);
  rmSync(out, { recursive: true, force: true });
}

const started = performance.now();
let lastReport = 0;
const stats = generateCorpus({ ...params, out, sizeBytes: params.sizeMb * 1024 * 1024 }, (done, bytes) => {
  if (values.quiet || (done !== params.sessions && performance.now() - lastReport < 1000)) return;
  lastReport = performance.now();
  process.stderr.write(`\r${done}/${params.sessions} sessions, ${(bytes / 1048576).toFixed(1)} MiB`);
});
const seconds = (performance.now() - started) / 1000;
if (!values.quiet) process.stderr.write('\n');
const manifest = { params, stats, generationSeconds: Number(seconds.toFixed(2)) };
writeFileSync(join(out, 'corpus.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(JSON.stringify({ out, ...manifest }));
