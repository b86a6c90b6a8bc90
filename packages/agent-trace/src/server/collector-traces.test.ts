import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { asSessionId } from '@agent-trace/schema';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { claudeLlmSpanId, claudeSessionSpanId, claudeToolSpanId, claudeTraceId, claudeTurnSpanId } from '../ingest/correlation.js';
import { startHarness, type Harness } from './test/harness.js';
import { exportWith, hrToNs, makeSpans } from './test/otel-sdk.js';

const T0 = 1_763_700_000_123_456_789n;

describe('OTLP traces through the real exporters', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.stop();
  });

  const exporters = () => [
    { name: 'http/json', exporter: new JsonTraceExporter({ url: `${h.httpUrl}/v1/traces` }) },
    { name: 'http/protobuf', exporter: new ProtoTraceExporter({ url: `${h.httpUrl}/v1/traces` }) },
    { name: 'http/protobuf gzip', exporter: new ProtoTraceExporter({ url: `${h.httpUrl}/v1/traces`, compression: 'gzip' as never }) },
    { name: 'grpc', exporter: new GrpcTraceExporter({ url: h.grpcUrl }) },
    { name: 'grpc gzip', exporter: new GrpcTraceExporter({ url: h.grpcUrl, compression: 'gzip' as never }) },
  ];

  test('generic and GenAI spans are stored exactly as sent, over every transport', async () => {
    for (const [i, { name, exporter }] of exporters().entries()) {
      const base = T0 + BigInt(i) * 1_000_000_000n;
      const spans = await makeSpans({ 'service.name': 'my-agent', 'service.version': '2.0.1' }, [
        { name: 'plan', startNs: base, endNs: base + 5_000_001n, attributes: { 'app.step': 3, 'app.flags': ['a', 'b'], 'app.ok': true } },
      ]);
      const root = spans[0] as ReadableSpan;
      const children = await makeSpans({ 'service.name': 'my-agent' }, [
        {
          name: 'chat claude-sonnet-4-5',
          parent: root,
          startNs: base + 1n,
          endNs: base + 2_000_000n,
          attributes: {
            'gen_ai.operation.name': 'chat',
            'gen_ai.request.model': 'claude-sonnet-4-5',
            'gen_ai.usage.input_tokens': 1500,
            'gen_ai.usage.cache_read.input_tokens': 1000,
            'gen_ai.usage.cache_creation.input_tokens': 200,
            'gen_ai.usage.output_tokens': 80,
            'gen_ai.input.messages': '[{"role":"user","content":"secret prompt"}]',
          },
          events: [{ name: 'gen_ai.first_chunk', timeNs: base + 7n, attributes: { 'n': 1 } }],
        },
        { name: 'execute_tool grep', parent: root, startNs: base + 3n, endNs: base + 4n, attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'grep' }, error: 'exit 2' },
      ]);
      const result = await exportWith(exporter, [root, ...children]);
      assert.equal(result.code, 0, `${name}: ${result.error?.message}`);
      await exporter.shutdown();

      const traceId = root.spanContext().traceId;
      const stored = await h.store.getSpans(asSessionId(traceId));
      assert.equal(stored.length, 3, name);
      const byId = new Map(stored.map((s) => [s.spanId, s]));
      for (const sent of [root, ...children]) {
        const got = byId.get(sent.spanContext().spanId as never);
        assert.ok(got, `${name}: span ${sent.name} stored`);
        assert.equal(got.traceId, traceId);
        assert.equal(got.parentSpanId, sent.parentSpanContext?.spanId ?? null);
        assert.equal(got.startNs, hrToNs(sent.startTime), `${name}: start time to the nanosecond`);
        assert.equal(got.endNs, hrToNs(sent.endTime));
        assert.equal(got.source, 'otlp');
      }
      const plan = byId.get(root.spanContext().spanId as never);
      assert.equal(plan?.type, 'custom');
      assert.deepEqual([plan?.attributes['app.step'], plan?.attributes['app.flags'], plan?.attributes['app.ok']], [3, ['a', 'b'], true]);
      assert.equal(plan?.attributes['service.name'], 'my-agent');
      const chat = byId.get((children[0] as ReadableSpan).spanContext().spanId as never);
      assert.equal(chat?.type, 'llm_call');
      assert.equal(chat?.model, 'claude-sonnet-4-5');
      // GenAI input_tokens includes the cache; our input is the uncached part.
      assert.deepEqual(chat?.usage, { input: 300, output: 80, cacheRead: 1000, cacheWrite5m: 200, cacheWrite1h: 0, reasoning: 0 });
      assert.equal(chat?.attributes['gen_ai.input.messages'], undefined, 'content dropped at tier 1');
      assert.equal(chat?.attributes['content.gen_ai.input.messages'], undefined, 'content dropped at tier 1');
      assert.deepEqual(chat?.events, [{ name: 'gen_ai.first_chunk', timeNs: base + 7n, attributes: { n: 1 } }]);
      const tool = byId.get((children[1] as ReadableSpan).spanContext().spanId as never);
      assert.equal(tool?.type, 'tool_call');
      assert.equal(tool?.toolName, 'grep');
      assert.equal(tool?.status, 'error');
      assert.equal(tool?.statusMessage, 'exit 2');
      const session = await h.store.getSession(asSessionId(traceId));
      assert.equal(session?.agent, 'otel');
      assert.equal(session?.totals.inputTokens, 300);
    }
  });

  test("Claude Code's beta spans land on the correlation ids, with string values coerced", async () => {
    const sessionId = 'c0ffee00-1111-2222-3333-444455556666';
    const resource = { 'service.name': 'claude-code', 'service.version': '2.1.197' };
    const [interaction] = await makeSpans(resource, [
      { name: 'claude_code.interaction', startNs: T0, endNs: T0 + 9_000_000n, attributes: { 'session.id': sessionId, 'prompt.id': 'p-1', user_prompt: 'fix the bug' } },
    ]);
    const children = await makeSpans(resource, [
      {
        name: 'claude_code.llm_request',
        parent: interaction,
        startNs: T0 + 10n,
        endNs: T0 + 1_000_010n,
        attributes: { 'session.id': sessionId, model: 'claude-sonnet-4-5', request_id: 'req_01', input_tokens: '12', output_tokens: '34', cache_read_tokens: '56', cache_creation_tokens: '78', success: 'true' },
      },
      { name: 'claude_code.tool', parent: interaction, startNs: T0 + 20n, endNs: T0 + 30n, attributes: { 'session.id': sessionId, tool_name: 'Bash', tool_use_id: 'toolu_1' } },
    ]);
    const exporter = new ProtoTraceExporter({ url: `${h.httpUrl}/v1/traces` });
    // Children first, as a batch processor sends them (they end first).
    assert.equal((await exportWith(exporter, children)).code, 0);
    assert.equal((await exportWith(exporter, [interaction as ReadableSpan])).code, 0);
    await exporter.shutdown();
    const spans = await h.store.getSpans(asSessionId(sessionId));
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const turn = byId.get(claudeTurnSpanId(sessionId, 'p-1'));
    assert.equal(turn?.type, 'turn');
    assert.equal(turn?.traceId, claudeTraceId(sessionId));
    assert.equal(turn?.parentSpanId, claudeSessionSpanId(sessionId));
    assert.equal(turn?.attributes['user_prompt'], undefined);
    const llm = byId.get(claudeLlmSpanId(sessionId, 'req_01', null));
    assert.equal(llm?.type, 'llm_call');
    assert.deepEqual(llm?.usage, { input: 12, output: 34, cacheRead: 56, cacheWrite5m: 78, cacheWrite1h: 0, reasoning: 0 });
    assert.equal(llm?.status, 'ok');
    assert.equal(llm?.attributes['success'], true);
    assert.equal(byId.get(claudeToolSpanId(sessionId, 'toolu_1'))?.toolName, 'Bash');
    const root = byId.get(claudeSessionSpanId(sessionId));
    assert.equal(root?.type, 'session');
    assert.equal(root?.startNs, T0);
    const session = await h.store.getSession(asSessionId(sessionId));
    assert.equal(session?.agent, 'claude-code');
    assert.equal(session?.agentVersion, '2.1.197');
    assert.equal(session?.totals.outputTokens, 34);
  });
});
