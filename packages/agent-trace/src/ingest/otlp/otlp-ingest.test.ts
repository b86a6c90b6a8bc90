import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CumulativeTracker } from './cumulative.js';
import { OtlpDecodeError } from './decode-error.js';
import { createOtlpIngest } from './otlp-ingest.js';
import { encodeExportResponse } from './proto-response.js';

const kv = (key: string, value: unknown) => ({ key, value });

describe('OTLP decoding and mapping', () => {
  test('JSON: 64-bit values stay exact, snake_case and enum names are accepted', () => {
    const body = {
      resource_spans: [
        {
          resource: { attributes: [kv('service.name', { stringValue: 'svc' })] },
          scope_spans: [
            {
              spans: [
                {
                  trace_id: '5B8EFFF798038103D269B633813FC60C',
                  span_id: 'EEE19B7EC3C1B174',
                  name: 'n',
                  kind: 'SPAN_KIND_SERVER',
                  start_time_unix_nano: '18446744073709551615',
                  end_time_unix_nano: '18446744073709551615',
                  attributes: [kv('big', { intValue: '9007199254740993' }), kv('neg', { intValue: -5 }), kv('obj', { kvlistValue: { values: [kv('a', { boolValue: true })] } })],
                  status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
                },
              ],
            },
          ],
        },
      ],
    };
    const { batch, accepted } = createOtlpIngest().map('traces', 'json', Buffer.from(JSON.stringify(body)));
    assert.equal(accepted, 1);
    const span = batch.spans?.[0];
    assert.equal(span?.traceId, '5b8efff798038103d269b633813fc60c');
    assert.equal(span?.startNs, 18446744073709551615n);
    assert.deepEqual([span?.attributes['big'], span?.attributes['neg'], span?.attributes['obj']], ['9007199254740993', -5, { a: true }]);
    assert.equal(span?.attributes['otel.span.kind'], 'server');
    assert.equal(span?.status, 'error');
    assert.equal(batch.sessions?.[0]?.id, '5b8efff798038103d269b633813fc60c', 'no session id: one session per trace');
  });

  test('a body that is not a JSON object, or a broken envelope, is a decode error naming the field', () => {
    const ingest = createOtlpIngest();
    assert.throws(() => ingest.map('logs', 'json', Buffer.from('[]')), (e: unknown) => e instanceof OtlpDecodeError && /JSON object/.test(e.message));
    assert.throws(
      () => ingest.map('logs', 'json', Buffer.from('{"resourceLogs":[{"scopeLogs":{}}]}')),
      (e: unknown) => e instanceof OtlpDecodeError && e.message.includes('resourceLogs[0].scopeLogs: expected an array'),
    );
    assert.throws(() => ingest.map('metrics', 'protobuf', Buffer.from([0x0a, 0x05, 0x01])), (e: unknown) => e instanceof OtlpDecodeError && e.reason === 'malformed_protobuf');
  });

  test('cumulative series become deltas; resets, restarts and repeats are handled', () => {
    const t = new CumulativeTracker();
    assert.deepEqual(t.step('s', 1n, 10n, 5), { kind: 'delta', value: 5 });
    assert.deepEqual(t.step('s', 1n, 20n, 12), { kind: 'delta', value: 7 });
    assert.deepEqual(t.step('s', 1n, 20n, 12), { kind: 'stale' }, 'a retried point is not stored twice');
    assert.deepEqual(t.step('s', 1n, 30n, 3), { kind: 'delta', value: 3 }, 'a value that went down is a reset');
    assert.deepEqual(t.step('s', 2n, 40n, 4), { kind: 'delta', value: 4 }, 'a new start time is a new series');
  });

  test('the export response is a valid partial_success message', () => {
    assert.equal(encodeExportResponse(0, '').length, 0);
    assert.deepEqual([...encodeExportResponse(300, 'ab')], [0x0a, 0x07, 0x08, 0xac, 0x02, 0x12, 0x02, 0x61, 0x62]);
  });
});
