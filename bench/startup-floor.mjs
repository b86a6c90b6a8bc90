#!/usr/bin/env node
// Short commands against their floor: `report daily --json` and an unchanged re-import beside ccusage, and beside
// what any Node.js program pays before doing anything (`node -e 0`) and a hand-rolled better-sqlite3 script that
// sums the same roll-up by day (bench/lib/raw-daily-report.cjs). Every command runs once per round, interleaved,
// so a busy moment of the machine hits all of them alike; medians over the rounds.
//   node bench/startup-floor.mjs [--corpus DIR] [--runs 21] [--no-write]
// DIR: a Claude config dir holding projects/ (default: the generated 300 MiB corpus, which
// bench/import-vs-ccusage.mjs makes on first use).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { IMPORT_PARTIAL, importCommand, importSummary, prepareAgentTrace, reportDailyCommand, versionCommand } from './lib/agent-trace-cli.mjs';
import { ccusageDaily, prepareCcusage } from './lib/ccusage.mjs';
import { benchEnv, droppedEnv } from './lib/bench-env.mjs';
import { BENCH_DIR } from './lib/corpus-params.mjs';
import { machineInfo } from './lib/machine.mjs';
import { upsertSection } from './lib/results-md.mjs';
import { formatMs, formatRatio, median } from './lib/stats.mjs';

const REPO = resolve(BENCH_DIR, '..');
const WORK = join(BENCH_DIR, '.work');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: join(BENCH_DIR, '.corpus', 'claude-300mb-3000s-agent-trace') },
    runs: { type: 'string', default: '21' },
    'no-write': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 3) throw new Error(`--runs must be an integer ≥ 3, got '${values.runs}'`);
const corpus = resolve(values.corpus);
if (!existsSync(join(corpus, 'projects'))) {
  throw new Error(`--corpus ${corpus} has no projects/ folder; run 'node bench/import-vs-ccusage.mjs --runs 1 --no-write' once to generate the default corpus`);
}
const log = (msg) => process.stderr.write(`${msg}\n`);

/** Runs a command to completion; returns its wall time in ms and its stdout, or throws naming the command. */
const timed = (label, c, okCodes = [0]) => {
  const started = performance.now();
  const r = spawnSync(c.command, c.args, { env: c.env ?? benchEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 2 ** 20 });
  const ms = performance.now() - started;
  if (r.error || !okCodes.includes(r.status)) throw new Error(`${label}: exit ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stderr}`);
  return { ms, stdout: r.stdout };
};

const main = () => {
  const ccusage = prepareCcusage(REPO, WORK);
  const agentTrace = prepareAgentTrace(REPO);
  mkdirSync(WORK, { recursive: true });
  const dataDir = mkdtempSync(join(WORK, 'floor-'));
  try {
    log(`importing ${corpus} once (untimed) ...`);
    const cold = importSummary('cold import', timed('cold import', importCommand(agentTrace.path, corpus, dataDir), [0, IMPORT_PARTIAL]).stdout);
    const db = join(dataDir, 'agent-trace.db');
    const steps = [
      { key: 'node', name: '`node -e 0` (Node.js start-up alone)', cmd: { command: process.execPath, args: ['-e', '0'], env: benchEnv() } },
      { key: 'raw', name: 'hand-rolled: better-sqlite3 script summing the roll-up by day (`bench/lib/raw-daily-report.cjs`)', cmd: { command: process.execPath, args: [join(BENCH_DIR, 'lib', 'raw-daily-report.cjs'), db], env: benchEnv() } },
      { key: 'version', name: '`agent-trace --version`', cmd: versionCommand(agentTrace.path) },
      { key: 'report', name: '`agent-trace report daily --json`', cmd: reportDailyCommand(agentTrace.path, dataDir), target: 0.1 },
      { key: 'reimport', name: '`agent-trace import` (no file changed)', cmd: importCommand(agentTrace.path, corpus, dataDir), ok: [0, IMPORT_PARTIAL], target: 0.1 },
      { key: 'ccusage', name: '`ccusage claude daily --json --offline`', cmd: ccusageDaily(ccusage.path, corpus) },
    ];
    const samples = Object.fromEntries(steps.map((s) => [s.key, []]));
    const last = {};
    timed('ccusage (warm-up)', ccusageDaily(ccusage.path, corpus));
    for (let i = 1; i <= runs; i++) {
      for (const s of steps) {
        const r = timed(s.key, s.cmd, s.ok);
        samples[s.key].push(r.ms);
        last[s.key] = r.stdout;
      }
      if (i % 5 === 0 || i === runs) log(`round ${i}/${runs}`);
    }

    // The hand-rolled script must do the same job: its daily token sums equal the report's, day by day.
    const ours = JSON.parse(last.report).daily;
    const raw = JSON.parse(last.raw).daily;
    const FIELDS = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens'];
    const same = ours.length === raw.length && ours.every((d, i) => d.date === raw[i].date && FIELDS.every((f) => d[f] === raw[i][f]));
    if (!same) throw new Error('the hand-rolled daily sums differ from agent-trace report daily: the floor would not be comparable');
    const reimport = importSummary('re-import', last.reimport);

    const med = Object.fromEntries(steps.map((s) => [s.key, median(samples[s.key])]));
    const p = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
    const lines = ['| command | median | p10 – p90 | vs ccusage | over `node -e 0` | target | met |', '| --- | ---: | ---: | ---: | ---: | ---: | :---: |'];
    for (const s of steps) {
      const ratio = med[s.key] / med.ccusage;
      const over = s.key === 'node' ? '' : `+${formatMs(med[s.key] - med.node)}`;
      const met = s.target === undefined ? '' : ratio <= s.target ? 'yes' : '**no**';
      lines.push(`| ${s.name} | ${formatMs(med[s.key])} | ${formatMs(p(samples[s.key], 0.1))} – ${formatMs(p(samples[s.key], 0.9))} | ${formatRatio(ratio)} | ${over} | ${s.target === undefined ? '' : `≤ ${s.target}×`} | ${met} |`);
    }
    const budget = med.ccusage * 0.1;
    const m = machineInfo(REPO);
    const section = [
      '## Short commands against their floor (bench/startup-floor.mjs)',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`node bench/startup-floor.mjs${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}\`: ${runs} rounds, each running every command once in this order; medians. Store: the corpus at ${corpus.replace(`${REPO}/`, '')} imported once (${cold.sessions} sessions, ${cold.spans.toLocaleString('en-US')} spans); the re-import found ${reimport.filesUnchanged} of ${reimport.filesScanned} files unchanged.`,
      '',
      ...lines,
      '',
      `The 0.1× budget is ${formatMs(budget)}; Node.js alone takes ${formatMs(med.node)} (${formatRatio(med.node / med.ccusage)} of ccusage), and the hand-rolled better-sqlite3 script, which does nothing but open the file and sum one table, ${formatMs(med.raw)} (${formatRatio(med.raw / med.ccusage)}). Its daily token sums equal the report's on all ${ours.length} days.`,
      '',
      `Environment: every command runs with the same variables${droppedEnv().length ? `, without ${droppedEnv().join(' and ')} (set on this machine; each Node start would otherwise first parse a CA bundle, see bench/lib/bench-env.mjs)` : ''}.`,
      '',
      `Machine: ${m.cpu}, ${m.memory}, ${m.kernel}, Node ${m.node}, load average ${m.load} at the end; agent-trace ${agentTrace.version} at ${m.commit}; ccusage ${ccusage.version.replace(/^ccusage /, '')}.`,
    ].join('\n');
    process.stdout.write(`\n${section}\n`);
    if (!values['no-write']) {
      upsertSection(join(BENCH_DIR, 'RESULTS.md'), 'startup-floor', section);
      log('updated bench/RESULTS.md (section startup-floor)');
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

try {
  main();
} catch (err) {
  log(`startup-floor: ${err.message}`);
  process.exitCode = 2;
}
