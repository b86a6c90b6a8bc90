import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isAgentTraceHookCommand } from './claude-hooks-config.js';
import { defaultHookCommand } from './hook-command.js';

describe('the hook command init writes', () => {
  it('points at the one-file bundle when the build made one, else at the CLI with `hook`', () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-trace-hookcmd-'));
    try {
      const root = join(dir, 'agent-trace', 'dist');
      mkdirSync(join(root, 'cli'), { recursive: true });
      writeFileSync(join(root, 'cli', 'main.js'), '');
      const withoutBundle = defaultHookCommand(join(root, 'cli', 'main.js'), '/usr/bin/node');
      assert.match(withoutBundle.command, /^\/usr\/bin\/node \S+\/dist\/cli\/main\.js hook$/);
      writeFileSync(join(root, 'hook.cjs'), '');
      const withBundle = defaultHookCommand(join(root, 'cli', 'main.js'), '/usr/bin/node');
      assert.match(withBundle.command, /^\/usr\/bin\/node \S+\/agent-trace\/dist\/hook\.cjs$/);
      assert.ok(isAgentTraceHookCommand(withoutBundle.command));
      assert.ok(isAgentTraceHookCommand(withBundle.command), 'init recognises its own bundled entries (idempotence, uninstall)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('recognises only agent-trace hook commands', () => {
    for (const ours of ['agent-trace hook', 'npx agent-trace hook --url http://x', '"/opt/my dir/agent-trace/dist/hook.cjs"', '/usr/bin/node /usr/lib/node_modules/agent-trace/dist/hook.cjs']) {
      assert.ok(isAgentTraceHookCommand(ours), ours);
    }
    for (const theirs of ['my-hook.sh', 'agent-trace import', '/opt/other/hook.cjs', 'node agent-trace-hooks.js']) {
      assert.ok(!isAgentTraceHookCommand(theirs), theirs);
    }
  });
});
