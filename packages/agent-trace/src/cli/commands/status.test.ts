import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { nanoToIso } from '@agent-trace/schema';
import { STORE_FILE } from '../../config/data-dir.js';
import { mapHookEvent } from '../../ingest/hooks/map-hook-event.js';
import { closedPortUrl, startCollectorStandIn } from '../../ingest/hooks/client/test/collector-stand-in.js';
import { spoolPaths } from '../../spool/spool-paths.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { STATUS_EXIT, statusCommand } from './status.js';
import { runCommand } from './test/run-command.js';


/** Parsed JSON, walked freely in assertions: a wrong path fails the assertion, not the compiler. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const root = mkdtempSync(join(tmpdir(), 'agent-trace-'));
after(() => rmSync(root, { recursive: true, force: true }));

const T = 1_795_000_000_000_000_000n;
const event = { session_id: 'status-session', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_use_id: 'toolu_s1', cwd: '/w/p' };

describe('agent-trace status', () => {
  it('reports a collector that is down, the spool depth and dead letters, and exits 10', async () => {
    const dataDir = join(root, 'down');
    const paths = spoolPaths(dataDir);
    const url = await closedPortUrl();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(paths.spool, '{"a":1}\n{"a":2}\n');
    writeFileSync(paths.deadLetter, '{"reason":"not JSON"}\n');
    const r = await runCommand(statusCommand, ['--json'], { dataDir, env: { AGENT_TRACE_URL: url } });
    assert.equal(r.code, STATUS_EXIT.collectorDown);
    const json = JSON.parse(r.stdout) as Json;
    assert.equal(json['collector'].up, false);
    assert.equal(json['collector'].port, Number(new URL(url).port));
    assert.deepEqual([json['spool'].events, json['spool'].bytes], [2, 16]);
    assert.equal(json['deadLetters'].count, 1);
    assert.equal(json['store'], null);
    const text = await runCommand(statusCommand, [], { dataDir, env: { AGENT_TRACE_URL: url } });
    assert.match(text.stdout, /^Collector {4}down/m);
    assert.match(text.stdout, /^Spool {8}2 event\(s\)/m);
  });

  it('is healthy (exit 0) with the collector up and the spool empty, and shows the last hook event; exit 11 with a backlog', async () => {
    const dataDir = join(root, 'up');
    mkdirSync(dataDir, { recursive: true });
    const store = SqliteStore.open(join(dataDir, STORE_FILE));
    await store.write(mapHookEvent(event, { receivedAtNs: T }));
    const collector = await startCollectorStandIn(store);
    try {
      const r = await runCommand(statusCommand, ['--json'], { dataDir, env: { AGENT_TRACE_URL: collector.url } });
      assert.equal(r.code, STATUS_EXIT.healthy, r.stdout);
      const json = JSON.parse(r.stdout) as Json;
      assert.equal(json['healthy'], true);
      assert.deepEqual(json['collector'].details, { status: 'ready' });
      assert.equal(json['store'].sessions, 1);
      const hook = (json['lastSeen'] as unknown as Array<Record<string, unknown>>).find((l) => l['source'] === 'hook');
      assert.equal(hook?.['time'], nanoToIso(T));
      assert.equal((json['lastSeen'] as unknown as Array<Record<string, unknown>>).find((l) => l['source'] === 'otlp')?.['time'], null);
      writeFileSync(spoolPaths(dataDir).spool, '{"waiting":1}\n');
      const backlog = await runCommand(statusCommand, [], { dataDir, env: { AGENT_TRACE_URL: collector.url } });
      assert.equal(backlog.code, STATUS_EXIT.spoolBacklog);
    } finally {
      await collector.close();
      await store.close();
    }
  });
});
