#!/usr/bin/env node
// Side-by-side benchmark: agent-trace import / report against ccusage on the same Claude corpus.
//   node bench/import-vs-ccusage.mjs [--size-mb 300] [--sessions 3000] [--seed agent-trace] [--runs 5]
//        [--corpus DIR] [--ccusage-only] [--no-write] [--rss-method auto|time|proc]
// Generates the corpus when missing, runs every tool --runs times (medians reported), checks that
// agent-trace's daily totals equal ccusage's, prints a markdown table and updates bench/RESULTS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_PARTIAL, importCommand, importSummary, prepareAgentTrace, reportDailyCommand, versionCommand } from './lib/agent-trace-cli.mjs';
import { ccusageDaily, prepareCcusage } from './lib/ccusage.mjs';
import { BENCH_DIR, CORPUS_FORMAT, defaultCorpusDir, matchingCorpus } from './lib/corpus-params.mjs';
import { machineInfo } from './lib/machine.mjs';
import { describeRssMethod, measureOk } from './lib/measure.mjs';
import { ccusageSummary, compareDaily, parityMarkdown } from './lib/parity.mjs';
import { upsertSection } from './lib/results-md.mjs';
import { formatMiB, formatMs, formatRatio, median } from './lib/stats.mjs';

const REPO = resolve(BENCH_DIR, '..');
const WORK = join(BENCH_DIR, '.work');

const { values } = parseArgs({
  options: {
    'size-mb': { type: 'string', default: '300' },
    sessions: { type: 'string', default: '3000' },
    seed: { type: 'string', default: 'agent-trace' },
    runs: { type: 'string', default: '5' },
    corpus: { type: 'string' },
    'ccusage-only': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'rss-method': { type: 'string', default: 'auto' },
  },
});

const int = (name) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got '${values[name]}'`);
  return n;
};
const runs = int('runs');
const method = values['rss-method'];
if (!['auto', 'time', 'proc'].includes(method)) throw new Error(`--rss-method must be auto, time or proc, got '${method}'`);
const log = (msg) => process.stderr.write(`${msg}\n`);

const dirBytes = (dir) => {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return total;
};

/** The corpus to measure on: --corpus as given, else the generated one for these flags (made if missing). */
const ensureCorpus = () => {
  if (values.corpus) {
    const dir = resolve(values.corpus);
    if (!existsSync(join(dir, 'projects'))) throw new Error(`--corpus ${dir} has no projects/ folder (it must be a Claude config dir)`);
    return { dir, label: `custom corpus ${dir}`, id: 'import-vs-ccusage-custom', generationSeconds: undefined };
  }
  const params = { format: CORPUS_FORMAT, sizeMb: int('size-mb'), sessions: int('sessions'), seed: values.seed, endDate: '2026-11-20', days: 30, projects: 24 };
  const dir = defaultCorpusDir(params);
  let manifest = matchingCorpus(dir, params);
  if (!manifest) {
    log(`generating corpus in ${dir} ...`);
    const gen = spawnSync(process.execPath, [join(BENCH_DIR, 'generate-claude-corpus.mjs'), '--out', dir, '--size-mb', String(params.sizeMb), '--sessions', String(params.sessions), '--seed', params.seed], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (gen.status !== 0) throw new Error('corpus generation failed (see above)');
    manifest = matchingCorpus(dir, params);
  }
  const id = `import-vs-ccusage-${params.sizeMb}mb-${params.sessions}s${params.seed === 'agent-trace' ? '' : `-${params.seed}`}`;
  return { dir, label: `${params.sizeMb} MiB target, ${params.sessions} sessions, seed '${params.seed}'`, id, generationSeconds: manifest.generationSeconds, stats: manifest.stats };
};

const main = async () => {
  const corpus = ensureCorpus();
  const corpusBytes = dirBytes(join(corpus.dir, 'projects'));
  const ccusage = prepareCcusage(REPO, WORK);
  const agentTrace = values['ccusage-only'] ? undefined : prepareAgentTrace(REPO);

  const run = (label, c, okCodes) => measureOk(label, c.command, c.args, { env: c.env, method }, okCodes);

  log(`corpus: ${corpus.dir} (${(corpusBytes / 2 ** 20).toFixed(1)} MiB)`);
  log('warm-up: one untimed ccusage run, so every measured run reads the corpus from the page cache');
  await run('ccusage (warm-up)', ccusageDaily(ccusage.path, corpus.dir));

  const samples = { ccusage: [], import: [], report: [], reimport: [], startup: [] };
  let lastCcusage = '';
  let lastReport = '';
  let coldSummary;
  let reSummary;
  let storeBytes = 0;
  for (let i = 1; i <= runs; i++) {
    const cc = await run('ccusage', ccusageDaily(ccusage.path, corpus.dir));
    samples.ccusage.push(cc);
    lastCcusage = cc.stdout;
    let line = `run ${i}/${runs}: ccusage ${formatMs(cc.wallMs)} ${formatMiB(cc.peakRssKb)}`;
    if (agentTrace) {
      mkdirSync(WORK, { recursive: true });
      const dataDir = mkdtempSync(join(WORK, 'data-'));
      try {
        const imp = await run('agent-trace import (cold)', importCommand(agentTrace.path, corpus.dir, dataDir), [0, IMPORT_PARTIAL]);
        const rep = await run('agent-trace report daily', reportDailyCommand(agentTrace.path, dataDir));
        const re = await run('agent-trace re-import', importCommand(agentTrace.path, corpus.dir, dataDir), [0, IMPORT_PARTIAL]);
        coldSummary = importSummary('cold import', imp.stdout);
        reSummary = importSummary('re-import', re.stdout);
        samples.import.push(imp);
        samples.report.push(rep);
        samples.reimport.push(re);
        samples.startup.push(await run('agent-trace --version', versionCommand(agentTrace.path)));
        lastReport = rep.stdout;
        storeBytes = dirBytes(dataDir);
        line += ` | import ${formatMs(imp.wallMs)} ${formatMiB(imp.peakRssKb)} | report ${formatMs(rep.wallMs)} | re-import ${formatMs(re.wallMs)}`;
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    log(line);
  }

  const med = (k) => ({ wallMs: median(samples[k].map((s) => s.wallMs)), peakRssKb: median(samples[k].map((s) => s.peakRssKb)), maxRssKb: Math.max(...samples[k].map((s) => s.peakRssKb)), minMs: Math.min(...samples[k].map((s) => s.wallMs)), maxMs: Math.max(...samples[k].map((s) => s.wallMs)) });
  const base = med('ccusage');
  const steps = [{ key: 'ccusage', name: '`ccusage claude daily --json --offline`', target: undefined }];
  if (agentTrace) {
    steps.push(
      { key: 'import', name: '`agent-trace import` (cold, empty data dir)', target: 2 },
      { key: 'report', name: '`agent-trace report daily --json`', target: 0.1 },
      { key: 'reimport', name: '`agent-trace import` again (files unchanged)', target: 0.1 },
      { key: 'startup', name: '`agent-trace --version` (Node start-up floor)', target: undefined },
    );
  }
  const MEMORY_TARGET_KB = 400 * 1024;
  const tableLines = ['| step | median wall | min – max | peak RSS (median / max) | vs ccusage | target | met |', '| --- | ---: | ---: | ---: | ---: | ---: | :---: |'];
  const verdicts = [];
  for (const s of steps) {
    const m = med(s.key);
    const ratio = m.wallMs / base.wallMs;
    const met = s.target === undefined ? '' : ratio <= s.target ? 'yes' : '**no**';
    if (s.target !== undefined) verdicts.push(ratio <= s.target);
    tableLines.push(`| ${s.name} | ${formatMs(m.wallMs)} | ${formatMs(m.minMs)} – ${formatMs(m.maxMs)} | ${formatMiB(m.peakRssKb)} / ${formatMiB(m.maxRssKb)} | ${formatRatio(ratio)} | ${s.target === undefined ? '' : `≤ ${s.target}×`} | ${met} |`);
  }
  let memoryLine = '';
  if (agentTrace) {
    const peak = Math.max(...['import', 'report', 'reimport'].map((k) => med(k).maxRssKb));
    verdicts.push(peak <= MEMORY_TARGET_KB);
    const problems = coldSummary.problems?.length ?? 0;
    memoryLine = [
      `Peak memory of any agent-trace run: ${formatMiB(peak)} (target ≤ 400 MiB: ${peak <= MEMORY_TARGET_KB ? 'met' : '**not met**'}). ccusage: ${formatMiB(base.maxRssKb)}.`,
      `Cold import read ${coldSummary.filesRead} of ${coldSummary.filesScanned} files, ${coldSummary.linesRead?.toLocaleString('en-US')} lines, into ${coldSummary.sessions} sessions and ${coldSummary.spans?.toLocaleString('en-US')} spans; store ${(storeBytes / 2 ** 20).toFixed(1)} MiB on disk${problems ? `; **${problems} problems reported** (first: ${JSON.stringify(coldSummary.problems[0])})` : ', no problems reported'}.`,
      `Re-import read ${reSummary.filesRead} files (${reSummary.filesUnchanged} unchanged, ${reSummary.bytesRead} bytes).`,
    ].join('\n');
  }

  let parity;
  let paritySection;
  if (agentTrace) {
    parity = compareDaily(lastCcusage, lastReport);
    paritySection = `### Do the numbers agree?\n\nagent-trace \`report daily --json -z UTC\` against ccusage \`claude daily --json --offline -z UTC\` (tokens must be equal, cost within 0.5%):\n\n${parityMarkdown(parity)}\n\n${parity.ok ? 'Result: **the totals agree**.' : 'Result: **the totals DIFFER — the speed figures above are not comparable until this is fixed.**'}`;
  } else {
    const s = ccusageSummary(lastCcusage);
    paritySection = `### What ccusage reports on this corpus\n\n${s.days} days (${s.first} … ${s.last}); models: ${s.models.join(', ')}.\nTotals: input ${s.totals.inputTokens.toLocaleString('en-US')}, output ${s.totals.outputTokens.toLocaleString('en-US')}, cache write ${s.totals.cacheCreationTokens.toLocaleString('en-US')}, cache read ${s.totals.cacheReadTokens.toLocaleString('en-US')}, total ${s.totals.totalTokens.toLocaleString('en-US')} tokens, $${s.totals.totalCost.toFixed(2)}.\n\nagent-trace was not measured in this run (--ccusage-only).`;
  }

  const m = machineInfo(REPO);
  const st = corpus.stats;
  const corpusLine = [
    `- Corpus: ${(corpusBytes / 2 ** 20).toFixed(1)} MiB`,
    st ? ` in ${st.files} files (${st.sessions} sessions, ${st.subagentFiles} sub-agent files, ${st.lines.toLocaleString('en-US')} lines, ${st.projects} projects, ${st.days} days)` : '',
    corpus.generationSeconds !== undefined ? `; generated in ${corpus.generationSeconds} s by \`bench/generate-claude-corpus.mjs\`` : '',
    '.',
  ].join('');
  const flags = process.argv.slice(2).join(' ');
  const section = [
    `## import and report vs ccusage — ${corpus.label}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`node bench/import-vs-ccusage.mjs${flags ? ` ${flags}` : ''}\`; ${runs} runs of each step, medians; page cache warm.`,
    '',
    corpusLine,
    `- Machine: ${m.cpu}, ${m.memory} RAM, ${m.kernel}, load average ${m.load} at the end; Node ${m.node}; ccusage ${ccusage.version.replace(/^ccusage /, '')} (native binary); agent-trace ${agentTrace ? `${agentTrace.version} at ${m.commit}` : 'not measured'}.`,
    `- Peak memory: ${describeRssMethod(method)}.`,
    '',
    ...tableLines,
    '',
    ...(memoryLine ? [memoryLine, ''] : []),
    paritySection,
    '',
  ].join('\n');

  process.stdout.write(`\n${section}\n`);
  writeFileSync(join(WORK, `${corpus.id}.json`), `${JSON.stringify({ corpus: { dir: corpus.dir, bytes: corpusBytes, ...st }, machine: m, samples: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.map((s) => ({ wallMs: s.wallMs, peakRssKb: s.peakRssKb }))])), parity }, null, 2)}\n`);
  if (!values['no-write']) {
    upsertSection(join(BENCH_DIR, 'RESULTS.md'), corpus.id, section);
    log(`updated bench/RESULTS.md (section ${corpus.id})`);
  }
  if (parity && !parity.ok) {
    log('FAIL: agent-trace totals differ from ccusage (see the table above)');
    process.exitCode = 1;
  } else if (verdicts.includes(false)) {
    log('note: some targets are not met (see the table)');
  }
};

try {
  await main();
} catch (err) {
  log(`import-vs-ccusage: ${err.message}`);
  process.exitCode = 2;
}
