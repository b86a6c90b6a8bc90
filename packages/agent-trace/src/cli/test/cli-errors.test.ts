import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixturesDir } from '../../test-support/paths.js';
import { runBuiltCli } from '../../test-support/run-cli.js';

/** Bad input: a clear message naming the problem, the documented exit code, nothing else lost. */
describe('CLI errors and exit codes', () => {
  let dir = '';
  const dataDir = () => join(dir, 'data');
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'agent-trace-errors-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('no transcripts found: exit 4, names the folders searched', () => {
    const home = join(dir, 'empty-home');
    mkdirSync(home);
    const r = runBuiltCli(['import', '--data-dir', dataDir()], { HOME: home });
    assert.equal(r.status, 4);
    assert.match(r.stderr, /no .*transcripts/i);
    assert.ok(r.stderr.includes(join(home, '.claude')), r.stderr);
    assert.equal(r.stdout, '');
  });

  it('a non-JSON file beside good ones: exit 5, the file named, the good sessions imported', () => {
    const root = join(dir, 'mixed', 'projects', '-home-ana-x');
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'notes.jsonl'), 'this is not json\nnor this\n');
    const r = runBuiltCli(['import', '--path', join(dir, 'mixed'), '--path', join(fixturesDir, 'claude-code', 'edge-cases', 'projects'), '--data-dir', dataDir()]);
    assert.equal(r.status, 5, r.stderr);
    assert.ok(r.stderr.includes('notes.jsonl'), r.stderr);
    const sessions = JSON.parse(runBuiltCli(['sessions', '--json', '--data-dir', dataDir()]).stdout) as { total: number };
    assert.equal(sessions.total, 3);
  });

  it('unknown command, unknown option, bad values: exit 2 with the reason', () => {
    const cases: Array<[string[], RegExp]> = [
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['report'], /report needs a kind/],
      [['report', 'hourly'], /unknown report 'hourly'/],
      [['report', 'daily', '--since', '2026-02-30'], /not a real date/],
      [['report', 'daily', '--timezone', 'Mars/Olympus'], /unknown time zone/],
      [['report', 'daily', '--cost-mode', 'guess'], /--cost-mode must be one of auto, calculate, display/],
      [['sessions', '--limit', '0'], /--limit must be a positive whole number/],
      [['sessions', '--bogus'], /Unknown option '--bogus'/],
      [['import', '--tier', '4'], /--tier must be 1, 2 or 3; got '4'/],
    ];
    for (const [args, message] of cases) {
      const r = runBuiltCli([...args, '--data-dir', dataDir()]);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
    }
  });

  it('show: an unknown id is exit 3; an ambiguous prefix lists the candidates', () => {
    const r = runBuiltCli(['show', 'ffffffff', '--data-dir', dataDir()]);
    assert.equal(r.status, 3);
    assert.match(r.stderr, /no session matches 'ffffffff'/);
    const amb = runBuiltCli(['show', '', '--data-dir', dataDir()]);
    assert.equal(amb.status, 2);
    assert.match(amb.stderr, /matches several sessions/);
  });

  it('import --tier 2 stores prompts, redacted, with no results', () => {
    const tierDir = join(dir, 'tier2');
    const r = runBuiltCli(['import', '--tier', '2', '--path', join(fixturesDir, 'claude-code', 'edge-cases', 'projects'), '--data-dir', tierDir]);
    assert.ok(r.status === 0 || r.status === 5, r.stderr);
    const sessions = JSON.parse(runBuiltCli(['sessions', '--json', '--data-dir', tierDir]).stdout) as { total: number };
    assert.ok(sessions.total > 0);
  });

  it('an invalid config file: exit 2 naming the key', () => {
    const cfg = join(dir, 'bad.yaml');
    writeFileSync(cfg, 'privacy:\n  tier: 7\n');
    const r = runBuiltCli(['stats', '--config', cfg, '--data-dir', dataDir()]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /privacy\.tier/);
  });

  it('no arguments: tells a new user the next step', () => {
    const r = runBuiltCli(['--data-dir', join(dir, 'fresh')]);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /agent-trace import/);
  });

  it('--help lists every command; each command has its own help', () => {
    const r = runBuiltCli(['--help']);
    assert.equal(r.status, 0);
    for (const c of ['import', 'report', 'sessions', 'show', 'stats']) {
      assert.match(r.stdout, new RegExp(`\\n  ${c} `));
      const h = runBuiltCli([c, '--help']);
      assert.equal(h.status, 0);
      assert.match(h.stdout, new RegExp(`agent-trace ${c}`));
    }
  });
});
