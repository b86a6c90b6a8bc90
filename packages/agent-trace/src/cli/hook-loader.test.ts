import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { closedPortUrl } from '../ingest/hooks/client/test/collector-stand-in.js';
import { runHookProcess } from '../ingest/hooks/client/test/run-hook-process.js';
import { decodeEnvelope } from '../spool/envelope.js';
import { spoolPaths } from '../spool/spool-paths.js';
import { fixturesDir, packageRoot } from '../test-support/paths.js';
import { CODE_CACHE_FILE } from './hook-loader.js';

/** The built hook, as `init` writes it into Claude Code's settings (needs `npm run build`). */
const HOOK = join(packageRoot, 'dist', 'hook.cjs');
const fixture = (name: string): string => readFileSync(join(fixturesDir, 'hooks', 'claude-code', `${name}.json`), 'utf8');

const runBuiltHook = (input: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HOOK], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(killer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(input);
  });

const root = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => join(root, `case-${++n}`);
const lines = (path: string): string[] => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean) : []);
const header = (dataDir: string): string => {
  const file = readFileSync(join(dataDir, CODE_CACHE_FILE));
  return file.toString('latin1', 0, file.indexOf(10));
};
/** Identity of the cache file: a rewrite renames a new file into place. */
const version = (dataDir: string): string => {
  const s = statSync(join(dataDir, CODE_CACHE_FILE));
  return `${s.ino}:${s.mtimeMs}`;
};

describe('dist/hook.cjs: the hook run with V8’s code cache', () => {
  let down: string;
  let up: string;
  let collector: Server;
  before(async () => {
    assert.ok(existsSync(HOOK), `${HOOK} missing: run npm run build`);
    down = await closedPortUrl();
    collector = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"accepted":1}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    up = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => collector.close(() => resolve())));

  it('spools as the hook run from sources does; writes the cache (0600), keeps it while it covers the run, extends it when not', async () => {
    const dataDir = freshDir();
    const r = await runBuiltHook(fixture('PostToolUse'), { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: down });
    assert.deepEqual([r.status, r.stdout, r.stderr], [0, '', '']);
    const [line] = lines(spoolPaths(dataDir).spool);
    assert.ok(line);
    assert.equal(statSync(join(dataDir, CODE_CACHE_FILE)).mode & 0o777, 0o600);
    assert.match(header(dataDir), new RegExp(`^agent-trace hook code cache 1 [0-9a-f]{64} ${process.version} ${process.arch}\tspooled$`));

    const reference = freshDir();
    await runHookProcess(fixture('PostToolUse'), { AGENT_TRACE_HOME: reference, AGENT_TRACE_URL: down });
    const [expected] = lines(spoolPaths(reference).spool);
    const got = decodeEnvelope(line);
    const want = decodeEnvelope(expected ?? '');
    assert.deepEqual([got.agent, got.payloadDigest, got.payload], [want.agent, want.payloadDigest, want.payload]);

    const first = version(dataDir);
    const again = await runBuiltHook(fixture('PreToolUse'), { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: down });
    assert.deepEqual([again.status, again.stdout, again.stderr], [0, '', '']);
    assert.equal(lines(spoolPaths(dataDir).spool).length, 2);
    assert.equal(version(dataDir), first, 'a run the cache covers leaves it as it is');

    const forwarded = await runBuiltHook(fixture('Stop'), { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: up });
    assert.deepEqual([forwarded.status, forwarded.stdout, forwarded.stderr], [0, '', '']);
    assert.equal(lines(spoolPaths(dataDir).spool).length, 2, 'forwarded, not spooled');
    assert.notEqual(version(dataDir), first);
    assert.match(header(dataDir), /\tspooled,forwarded$/);
  });

  it('replaces a cache V8 refuses, one made for another body, and one others may write; the event goes through each time', async () => {
    const dataDir = freshDir();
    await runBuiltHook(fixture('PostToolUse'), { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: down });
    const path = join(dataDir, CODE_CACHE_FILE);
    const good = header(dataDir);
    const cases: Array<[string, () => void]> = [
      ['data V8 refuses', () => writeFileSync(path, `${good}\nnot a code cache at all`, { mode: 0o600 })],
      ['another body', () => writeFileSync(path, `${good.replace(/ [0-9a-f]{64} /, ` ${'0'.repeat(64)} `)}\n`, { mode: 0o600 })],
      ['a truncated file', () => writeFileSync(path, readFileSync(path).subarray(0, 200), { mode: 0o600 })],
      ['writable by others', () => chmodSync(path, 0o666)],
    ];
    let spooled = 1;
    for (const [name, spoil] of cases) {
      spoil();
      const before = version(dataDir);
      const r = await runBuiltHook(fixture('PreToolUse'), { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: down });
      assert.deepEqual([r.status, r.stdout, r.stderr], [0, '', ''], name);
      assert.equal(lines(spoolPaths(dataDir).spool).length, ++spooled, name);
      assert.notEqual(version(dataDir), before, `${name}: replaced`);
      assert.equal(header(dataDir), good, name);
      assert.equal(statSync(path).mode & 0o777, 0o600, name);
    }
  });

  it('runs the rarer paths inside the cached body: an https collector, input that is not JSON, a data dir it cannot write', async () => {
    const dataDir = freshDir();
    const https = await runBuiltHook(fixture('PreToolUse'), { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: down.replace('http:', 'https:') });
    assert.deepEqual([https.status, https.stdout, https.stderr], [0, '', '']);
    assert.equal(lines(spoolPaths(dataDir).spool).length, 1, 'refused over https too: spooled');

    const broken = await runBuiltHook('{"session_id": "s", oops', { AGENT_TRACE_HOME: dataDir, AGENT_TRACE_URL: down });
    assert.deepEqual([broken.status, broken.stdout, broken.stderr], [0, '', '']);
    const [letter] = lines(spoolPaths(dataDir).deadLetter).map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.match(String(letter?.['reason']), /^not JSON: .* at line 1 column 21$/);

    const file = join(root, 'a-file');
    writeFileSync(file, '');
    const unwritable = await runBuiltHook(fixture('PreToolUse'), { AGENT_TRACE_HOME: join(file, 'data'), AGENT_TRACE_URL: down });
    assert.deepEqual([unwritable.status, unwritable.stdout], [0, '']);
    assert.match(unwritable.stderr, /^agent-trace hook: /);
  });
});
