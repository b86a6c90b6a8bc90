// Runs one command and measures its wall time and the child's peak resident memory.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

const GNU_TIME = '/usr/bin/time';

/** How peak memory is measured on this machine. */
export const rssMethod = (method = 'auto') =>
  method === 'time' || (method === 'auto' && existsSync(GNU_TIME)) ? 'time' : 'proc';

export const describeRssMethod = (method) =>
  rssMethod(method) === 'time' ? 'GNU time %M (max RSS of the child)' : '/proc/<pid>/status VmHWM, polled every 5 ms';

const collect = (child) => {
  const out = [];
  const err = [];
  child.stdout.on('data', (b) => out.push(b));
  child.stderr.on('data', (b) => err.push(b));
  const done = new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal }));
  });
  return { done, text: () => ({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }) };
};

const readHwmKb = (pid) => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
};

/**
 * `method`: 'time' (GNU time), 'proc' (poll /proc), or 'auto' (GNU time when installed).
 * @returns {Promise<{ wallMs: number, peakRssKb: number, code: number | null, signal: string | null, stdout: string, stderr: string }>}
 * Wall time is taken in this process around spawn and exit (GNU time's own %e has only 10 ms resolution);
 * the GNU time wrapper adds well under a millisecond.
 */
export const measure = async (command, args, { env = process.env, cwd, method = 'auto' } = {}) => {
  if (rssMethod(method) === 'time') {
    const dir = mkdtempSync(join(tmpdir(), 'bench-time-'));
    const file = join(dir, 'rss');
    try {
      const started = performance.now();
      const child = spawn(GNU_TIME, ['-f', '%M', '-o', file, command, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      const c = collect(child);
      const { code, signal } = await c.done;
      const wallMs = performance.now() - started;
      const peakRssKb = Number(readFileSync(file, 'utf8').trim().split('\n').pop());
      return { wallMs, peakRssKb, code, signal, ...c.text() };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const started = performance.now();
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const c = collect(child);
  let peakRssKb = 0;
  let running = true;
  const poll = (async () => {
    while (running) {
      peakRssKb = Math.max(peakRssKb, readHwmKb(child.pid));
      await sleep(5);
    }
  })();
  const { code, signal } = await c.done;
  const wallMs = performance.now() - started;
  running = false;
  await poll;
  return { wallMs, peakRssKb, code, signal, ...c.text() };
};

/** Like measure, but throws with the command's stderr when it exits with a code not in `okCodes`. */
export const measureOk = async (label, command, args, options, okCodes = [0]) => {
  const r = await measure(command, args, options);
  if (!okCodes.includes(r.code)) {
    throw new Error(`${label} failed (exit ${r.code ?? r.signal}): ${command} ${args.join(' ')}\n${r.stderr.slice(-4000)}`);
  }
  return r;
};
