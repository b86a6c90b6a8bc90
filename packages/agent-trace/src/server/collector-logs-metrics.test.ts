import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asSessionId } from '@agent-trace/schema';
import { OTLPLogExporter as GrpcLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as GrpcMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { AggregationTemporalityPreference, OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { claudeLlmSpanId, claudeToolSpanId, claudeTurnSpanId } from '../ingest/correlation.js';
import { startHarness, type Harness } from './test/harness.js';
import { exportWith, makeLogs } from './test/otel-sdk.js';

const T0 = 1_763_700_000_000_000_001n;
const SESSION = 'aaaa0000-bbbb-cccc-dddd-eeeeffff0001';
const CLAUDE = { 'service.name': 'claude-code', 'service.version': '2.1.197' };

describe('OTLP logs and metrics through the real exporters', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.stop();
  });

  test('generic log records are stored with exact times and all attributes, over every transport', async () => {
    const exporters = [
      new JsonLogExporter({ url: `${h.httpUrl}/v1/logs` }),
      new ProtoLogExporter({ url: `${h.httpUrl}/v1/logs` }),
      new GrpcLogExporter({ url: h.grpcUrl }),
    ];
    for (const [i, exporter] of exporters.entries()) {
      const timeNs = T0 + BigInt(i) * 1000n;
      const records = await makeLogs({ 'service.name': 'worker' }, 'worker.jobs', [
        { timeNs, body: `job ${i} done`, severityNumber: 17, attributes: { 'job.id': i, 'job.queue': 'q1', 'session.id': 'gen-session' } },
      ]);
      assert.equal((await exportWith(exporter, records)).code, 0);
      await exporter.shutdown();
      const rows = h.query<{ time_ns: bigint; level: string; component: string; body: string; fields: string; session_id: string }>(
        'SELECT * FROM logs WHERE time_ns = ?',
        timeNs,
      );
      assert.equal(rows.length, 1, `exporter ${i}`);
      const row = rows[0];
      assert.equal(row?.level, 'error');
      assert.equal(row?.component, 'worker.jobs');
      assert.equal(JSON.parse(row?.body ?? ''), `job ${i} done`);
      assert.deepEqual(JSON.parse(row?.fields ?? ''), { 'job.id': i, 'job.queue': 'q1', 'session.id': 'gen-session', 'service.name': 'worker' });
      assert.equal(row?.session_id, 'gen-session');
    }
  });

  test("Claude Code's events become spans on the correlation ids; other events stay logs", async () => {
    const common = { 'session.id': SESSION, 'prompt.id': 'prompt-9' };
    const records = await makeLogs(CLAUDE, 'com.anthropic.claude_code.events', [
      { timeNs: T0, body: 'claude_code.user_prompt', attributes: { ...common, 'event.name': 'user_prompt', prompt_length: '11', prompt: 'hello world' } },
      {
        timeNs: T0 + 2_000_000_000n,
        body: 'claude_code.api_request',
        attributes: {
          ...common,
          'event.name': 'api_request',
          model: 'claude-sonnet-4-5',
          request_id: 'req_42',
          input_tokens: '10',
          output_tokens: '20',
          cache_read_tokens: '30',
          cache_creation_tokens: '40',
          cost_usd: '0.0123',
          duration_ms: '1500',
        },
      },
      {
        timeNs: T0 + 3_000_000_000n,
        body: 'claude_code.tool_result',
        attributes: { ...common, 'event.name': 'tool_result', tool_name: 'Edit', tool_use_id: 'toolu_9', success: 'false', duration_ms: '250', error: 'no match', tool_parameters: '{"file":"/x"}' },
      },
      { timeNs: T0 + 4_000_000_000n, body: 'claude_code.compaction', attributes: { ...common, 'event.name': 'compaction', trigger: 'auto' } },
    ]);
    const exporter = new ProtoLogExporter({ url: `${h.httpUrl}/v1/logs` });
    assert.equal((await exportWith(exporter, records)).code, 0);
    await exporter.shutdown();
    const spans = new Map((await h.store.getSpans(asSessionId(SESSION))).map((s) => [s.spanId, s]));
    const turn = spans.get(claudeTurnSpanId(SESSION, 'prompt-9'));
    assert.equal(turn?.type, 'turn');
    assert.equal(turn?.attributes['prompt_length'], 11);
    assert.equal(turn?.attributes['prompt'], undefined, 'prompt text dropped at tier 1');
    const llm = spans.get(claudeLlmSpanId(SESSION, 'req_42', null));
    assert.equal(llm?.type, 'llm_call');
    assert.equal(llm?.parentSpanId, claudeTurnSpanId(SESSION, 'prompt-9'));
    assert.deepEqual(llm?.usage, { input: 10, output: 20, cacheRead: 30, cacheWrite5m: 40, cacheWrite1h: 0, reasoning: 0 });
    assert.equal(llm?.reportedCostUsd, 0.0123);
    assert.equal(llm?.endNs, T0 + 2_000_000_000n);
    assert.equal(llm?.startNs, T0 + 500_000_000n);
    const tool = spans.get(claudeToolSpanId(SESSION, 'toolu_9'));
    assert.equal(tool?.status, 'error');
    assert.equal(tool?.statusMessage, 'no match');
    assert.equal(tool?.attributes['tool_parameters'], undefined);
    const logs = h.query<{ event_name: string }>('SELECT event_name FROM logs WHERE session_id = ?', SESSION);
    assert.deepEqual(logs.map((l) => l.event_name), ['compaction']);
    const session = await h.store.getSession(asSessionId(SESSION));
    assert.equal(session?.totals.inputTokens, 10);
    assert.equal(session?.totals.toolCalls, 1);
  });

  const sendCounter = async (exporter: PushMetricExporter, name: string, adds: number[]): Promise<void> => {
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const provider = new MeterProvider({ resource: resourceFromAttributes(CLAUDE), readers: [reader] });
    const counter = provider.getMeter('com.anthropic.claude_code').createCounter(name);
    for (const n of adds) {
      counter.add(n, { 'session.id': SESSION, type: 'input', model: 'claude-sonnet-4-5' });
      await provider.forceFlush();
    }
    await provider.shutdown();
  };

  const storedSum = (name: string): number =>
    h.query<{ total: number }>('SELECT coalesce(sum(value), 0) AS total FROM metrics WHERE name = ?', name)[0]?.total ?? -1;

  test('cumulative and delta counters are stored so that their points sum to the true total', async () => {
    await sendCounter(new JsonMetricExporter({ url: `${h.httpUrl}/v1/metrics` }), 'cumulative.json', [5, 7, 1]);
    assert.equal(storedSum('cumulative.json'), 13);
    await sendCounter(
      new ProtoMetricExporter({ url: `${h.httpUrl}/v1/metrics`, temporalityPreference: AggregationTemporalityPreference.DELTA }),
      'delta.proto',
      [5, 7, 1],
    );
    assert.equal(storedSum('delta.proto'), 13);
    await sendCounter(new GrpcMetricExporter({ url: h.grpcUrl }), 'claude_code.token.usage', [100, 50]);
    assert.equal(storedSum('claude_code.token.usage'), 150);
    const labels = h.query<{ labels: string; session_id: string }>("SELECT labels, session_id FROM metrics WHERE name = 'claude_code.token.usage'");
    assert.equal(labels[0]?.session_id, SESSION);
    assert.equal(JSON.parse(labels[0]?.labels ?? '{}').type, 'input');
    const session = await h.store.getSession(asSessionId(SESSION));
    assert.equal(session?.totals.inputTokens, 10, 'token metrics are never added to session totals');
  });
});
