import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { HOOK_REGISTRATIONS } from '../../setup/claude-hooks-config.js';
import { initCommand } from './init.js';
import { runCommand } from './test/run-command.js';


/** Parsed JSON, walked freely in assertions: a wrong path fails the assertion, not the compiler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const root = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const HOOK = '/opt/node/bin/node /opt/lib/node_modules/agent-trace/dist/cli/main.js hook';

/** A user's settings file with its own hooks, env keys and 4-space indentation. */
const ORIGINAL = `{
    "model": "opus",
    "env": {
        "MY_FLAG": "on",
        "OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel.example:4318"
    },
    "hooks": {
        "PostToolUse": [
            {
                "matcher": "Edit|Write",
                "hooks": [
                    { "type": "command", "command": "prettier --write", "timeout": 10 }
                ]
            }
        ]
    },
    "permissions": { "allow": ["Bash(npm test)"] }
}
`;

const setup = (text: string | null) => {
  const configDir = join(root, `claude-${++n}`);
  mkdirSync(configDir, { recursive: true });
  const path = join(configDir, 'settings.json');
  if (text !== null) writeFileSync(path, text);
  const run = (...args: string[]) =>
    runCommand(initCommand, ['--hook-command', HOOK, ...args], { dataDir: join(root, `data-${n}`), env: { CLAUDE_CONFIG_DIR: configDir } });
  const read = () => JSON.parse(readFileSync(path, 'utf8')) as Json;
  const backups = () => readdirSync(configDir).filter((f) => f.endsWith('.bak'));
  return { path, run, read, backups };
};

describe('agent-trace init', () => {
  it('adds hooks and the OTel env, keeps everything else, key order and indentation, and backs up the original', async () => {
    const s = setup(ORIGINAL);
    const r = await s.run();
    assert.equal(r.code, 0);
    const after = s.read();
    const before = JSON.parse(ORIGINAL) as Json;
    assert.deepEqual(Object.keys(after), ['model', 'env', 'hooks', 'permissions']);
    assert.equal(after['model'], 'opus');
    assert.deepEqual(after['permissions'], before['permissions']);
    assert.equal(after['env']['MY_FLAG'], 'on');
    assert.equal(after['env']['OTEL_EXPORTER_OTLP_ENDPOINT'], 'http://otel.example:4318', "the user's endpoint is kept");
    assert.match(r.stdout, /OTEL_EXPORTER_OTLP_ENDPOINT is already http:\/\/otel\.example:4318/);
    assert.equal(after['env']['CLAUDE_CODE_ENABLE_TELEMETRY'], '1');
    assert.equal(after['env']['OTEL_EXPORTER_OTLP_PROTOCOL'], 'http/protobuf');
    assert.deepEqual(after['hooks']['PostToolUse'][0], before['hooks']['PostToolUse'][0], 'the existing hook group is untouched');
    assert.deepEqual(after['hooks']['PostToolUse'][1], { matcher: '*', hooks: [{ type: 'command', command: HOOK, timeout: 5, async: true }] });
    for (const reg of HOOK_REGISTRATIONS) assert.ok(Array.isArray(after['hooks'][reg.event]), reg.event);
    assert.deepEqual(after['hooks']['SessionEnd'][0].hooks[0], { type: 'command', command: HOOK, timeout: 2 });
    assert.match(readFileSync(s.path, 'utf8'), /^\{\n {4}"model"/, '4-space indentation kept');
    assert.equal(s.backups().length, 1);
    assert.equal(readFileSync(join(s.path, '..', s.backups()[0]!), 'utf8'), ORIGINAL);
    assert.match(r.stdout, /^\+\s+"CLAUDE_CODE_ENABLE_TELEMETRY": "1",?$/m, 'shows a diff');
    assert.match(r.stdout, /cleanupPeriodDays \(30, the default\)/);
    assert.match(r.stdout, /\[otel\]/);
  });

  it('is idempotent: a second run changes nothing and says so', async () => {
    const s = setup(ORIGINAL);
    await s.run();
    const text = readFileSync(s.path, 'utf8');
    const r = await s.run();
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Already set up; nothing changed/);
    assert.equal(readFileSync(s.path, 'utf8'), text);
    assert.equal(s.backups().length, 1, 'no second backup');
  });

  it('updates its own entries in place when the hook command changed', async () => {
    const s = setup(ORIGINAL);
    await s.run();
    const r = await runCommand(initCommand, ['--hook-command', 'agent-trace hook'], { dataDir: join(root, 'x'), env: { CLAUDE_CONFIG_DIR: join(s.path, '..') } });
    assert.match(r.stdout, /Hooks: 0 added, 15 updated/);
    assert.equal(s.read()['hooks']['PreToolUse'].length, 1);
    assert.equal(s.read()['hooks']['PreToolUse'][0].hooks[0].command, 'agent-trace hook');
  });

  it('--dry-run shows the diff and writes nothing', async () => {
    const s = setup(ORIGINAL);
    const r = await s.run('--dry-run');
    assert.match(r.stdout, /^@@ /m);
    assert.match(r.stdout, /Dry run: nothing was written/);
    assert.equal(readFileSync(s.path, 'utf8'), ORIGINAL);
    assert.deepEqual(s.backups(), []);
  });

  it('--uninstall removes exactly what init added', async () => {
    const s = setup(ORIGINAL);
    await s.run('--keep-transcripts-days', '90');
    assert.equal(s.read()['cleanupPeriodDays'], 90);
    const r = await s.run('--uninstall');
    assert.equal(r.code, 0);
    const { cleanupPeriodDays, ...rest } = s.read();
    assert.equal(cleanupPeriodDays, 90, 'the retention the user chose stays');
    assert.deepEqual(rest, JSON.parse(ORIGINAL));
    assert.match((await s.run('--uninstall')).stdout, /nothing changed/);
  });

  it('creates a missing settings file, and uninstall leaves an empty object', async () => {
    const s = setup(null);
    const r = await s.run();
    assert.match(r.stdout, /Written \(new file\)/);
    assert.ok(existsSync(s.path));
    await s.run('--uninstall');
    assert.deepEqual(s.read(), {});
  });

  it('refuses a malformed settings file, naming it and the position, and writes nothing', async () => {
    const bad = '{\n  "model": "opus",\n  "env": { "A": 1, }\n}\n';
    const s = setup(bad);
    await assert.rejects(s.run(), (err: Error) => err.message.includes(s.path) && /line 3 column 20/.test(err.message) && /Nothing was written/.test(err.message));
    assert.equal(readFileSync(s.path, 'utf8'), bad);
    assert.deepEqual(s.backups(), []);
  });

  it('refuses a settings file whose hooks are not an object', async () => {
    const s = setup('{"hooks": []}');
    await assert.rejects(s.run(), /"hooks" in the settings file is not an object/);
  });
});
