#!/usr/bin/env node
// Redaction throughput: redactString over a realistic ~50 MB mix of strings and redactValue over
// hook-like and OTLP-like objects built from them, each beside a no-redaction baseline in the same run.
//   node --import tsx bench/redaction.mjs [--size-mb 50] [--runs 5] [--seed agent-trace] [--dist]
//        [--compare-api-keys]
// --dist measures the compiled module (packages/agent-trace/dist/privacy) instead of the sources.
// --compare-api-keys also times the provider-key step as one combined regex against one regex per provider.
// Prints a markdown section for bench/RESULTS.md.
import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { machineInfo } from './lib/machine.mjs';
import { buildObjects, generateStrings } from './lib/redaction-corpus.mjs';
import { median } from './lib/stats.mjs';

const REPO = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'size-mb': { type: 'string', default: '50' },
    runs: { type: 'string', default: '5' },
    seed: { type: 'string', default: 'agent-trace' },
    dist: { type: 'boolean', default: false },
    'compare-api-keys': { type: 'boolean', default: false },
  },
});
const sizeMb = Number(values['size-mb']);
const runs = Number(values.runs);
if (!(sizeMb > 0) || !Number.isInteger(runs) || runs <= 0) throw new Error('--size-mb must be > 0 and --runs a positive integer');
const log = (msg) => process.stderr.write(`${msg}\n`);

const moduleDir = values.dist ? 'packages/agent-trace/dist/privacy' : 'packages/agent-trace/src/privacy';
const ext = values.dist ? 'js' : 'ts';
const load = (name) => import(pathToFileURL(resolve(REPO, moduleDir, `${name}.${ext}`)).href);
const { createRedactor } = await load('index');

const t0 = performance.now();
const { strings, kinds, bytes } = generateStrings(values.seed, sizeMb * 1e6);
const objects = buildObjects(values.seed, strings);
const generationMs = performance.now() - t0;
log(`corpus: ${strings.length} strings, ${(bytes / 1e6).toFixed(1)} MB, ${objects.length} objects, generated in ${Math.round(generationMs)} ms`);

// A fresh redactor for every pass: a redactor remembers the large texts it has redacted (a real import sees a text
// again only when the agent repeats it), and a pass over the same corpus again must not measure those lookups.
const newRedactor = () => createRedactor({ projectRoot: '/home/dev/shop', salt: 'bench' });
const redactor = newRedactor();

/** The no-redaction baselines: read every character of every string; copy every object. */
const scanStrings = (list) => {
  let found = 0;
  for (const s of list) found += s.indexOf('\u0000');
  return found;
};
const deepCopy = (value) => {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(deepCopy);
  const out = {};
  for (const key of Object.keys(value)) out[key] = deepCopy(value[key]);
  return out;
};

let sink = 0;
const steps = {
  'baseline: scan every string (indexOf)': () => {
    sink += scanStrings(strings);
  },
  redactString: () => {
    const r = newRedactor();
    for (const s of strings) sink += r.redactString(s).length;
  },
  'baseline: deep copy of the objects': () => {
    for (const o of objects) sink += deepCopy(o) === o ? 1 : 0;
  },
  redactValue: () => {
    const r = newRedactor();
    for (const o of objects) sink += r.redactValue(o) === o ? 1 : 0;
  },
};

// One warm-up pass so that every run measures optimised code.
for (const step of Object.values(steps)) step();
const changed = strings.reduce((n, s) => n + (redactor.redactString(s) !== s ? 1 : 0), 0);
const changedObjects = objects.reduce((n, o) => n + (redactor.redactValue(o) !== o ? 1 : 0), 0);

const times = Object.fromEntries(Object.keys(steps).map((k) => [k, []]));
for (let run = 0; run < runs; run++) {
  for (const [name, step] of Object.entries(steps)) {
    const start = performance.now();
    step();
    times[name].push(performance.now() - start);
  }
  log(`run ${run + 1}/${runs}: ${Object.entries(times).map(([k, v]) => `${k.split(':')[0]} ${Math.round(v[run])} ms`).join(', ')}`);
}

const objectBytes = objects.reduce((n, o) => n + Buffer.byteLength(JSON.stringify(o)), 0);
const row = (name, unitCount, unitName, mb) => {
  const ms = median(times[name]);
  const min = Math.min(...times[name]);
  const max = Math.max(...times[name]);
  return `| ${name} | ${Math.round(ms)} ms | ${Math.round(min)} – ${Math.round(max)} ms | ${(mb / (ms / 1000)).toFixed(0)} MB/s | ${Math.round(unitCount / (ms / 1000)).toLocaleString('en-US')} ${unitName}/s |`;
};

let apiKeyLine = '';
if (values['compare-api-keys']) {
  const { PROVIDER_KEY_SOURCES } = await load('api-key-rules');
  const combined = new RegExp(Object.values(PROVIDER_KEY_SOURCES).join('|'), 'g');
  const separate = Object.values(PROVIDER_KEY_SOURCES).map((source) => new RegExp(source, 'g'));
  const time = (fn) => {
    fn();
    const samples = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      fn();
      samples.push(performance.now() - start);
    }
    return median(samples);
  };
  const one = time(() => {
    for (const s of strings) sink += s.replace(combined, '[API_KEY]').length;
  });
  const many = time(() => {
    for (const s of strings) {
      let out = s;
      for (const re of separate) out = out.replace(re, '[API_KEY]');
      sink += out.length;
    }
  });
  apiKeyLine = `- Provider-key step alone over every string (no pre-filter): one combined regex ${Math.round(one)} ms, ${separate.length} separate regexes ${Math.round(many)} ms (median of ${runs}).\n`;
}

const rss = process.resourceUsage().maxRSS; // KiB
const machine = machineInfo(REPO);
const mb = bytes / 1e6;
const kindList = Object.entries(kinds).map(([k, n]) => `${n.toLocaleString('en-US')} ${k}`).join(', ');
process.stdout.write(`<!-- bench:redaction:start -->
## redaction throughput — ${mb.toFixed(1)} MB of strings, seed '${values.seed}'

Measured ${new Date().toISOString().slice(0, 10)} with \`node --import tsx bench/redaction.mjs${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}\` (${values.dist ? 'compiled dist' : 'sources through tsx'}); ${runs} runs after one warm-up pass, medians.

- Corpus: ${strings.length.toLocaleString('en-US')} strings (${kindList}), ${mb.toFixed(1)} MB; ${changed.toLocaleString('en-US')} strings hold something redacted. ${objects.length.toLocaleString('en-US')} hook-like and OTLP-like objects over the same strings (${(objectBytes / 1e6).toFixed(1)} MB as JSON), ${changedObjects.toLocaleString('en-US')} of them changed.
- Machine: ${machine.cpu}, ${machine.memory} RAM, ${machine.kernel}, load average ${machine.load} at the end; Node ${machine.node}; commit ${machine.commit}.
- Peak memory (max RSS of the whole process, corpus included): ${Math.round(rss / 1024)} MiB.
${apiKeyLine}
| step | median | min – max | throughput | rate |
| --- | ---: | ---: | ---: | ---: |
${row('baseline: scan every string (indexOf)', strings.length, 'strings', mb)}
${row('redactString', strings.length, 'strings', mb)}
${row('baseline: deep copy of the objects', objects.length, 'objects', objectBytes / 1e6)}
${row('redactValue', objects.length, 'objects', objectBytes / 1e6)}
<!-- bench:redaction:end -->
`);
if (sink === 0.5) log('');
