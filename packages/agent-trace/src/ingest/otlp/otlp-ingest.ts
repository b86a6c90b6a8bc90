import { BatchBuilder, type MappedRequest } from './batch-builder.js';
import { CumulativeTracker } from './cumulative.js';
import { OtlpDecodeError } from './decode-error.js';
import { decodeLogsJson } from './json-logs.js';
import { decodeMetricsJson } from './json-metrics.js';
import { decodeTracesJson } from './json-traces.js';
import { mapLogs } from './map-logs.js';
import { mapMetrics } from './map-metrics.js';
import { mapTraces } from './map-traces.js';
import type { Signal } from './model.js';
import { decodeLogsProto } from './proto-logs.js';
import { decodeMetricsProto } from './proto-metrics.js';
import { decodeTracesProto } from './proto-traces.js';
import { SpanIdMap } from './span-ids.js';

export type OtlpEncoding = 'json' | 'protobuf';

/**
 * Decodes and maps OTLP export requests into write batches. One instance lives as long as the collector:
 * it holds the state that spans requests (Claude span id mapping, last cumulative value per metric series).
 * Throws OtlpDecodeError for a body that cannot be read at all; bad records inside a readable body are
 * returned as rejections, beside the good ones.
 */
export interface OtlpIngest {
  map(signal: Signal, encoding: OtlpEncoding, body: Buffer): MappedRequest;
}

const parseJson = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new OtlpDecodeError('malformed_json', `body is not valid JSON: ${(err as Error).message}`);
  }
};

export const createOtlpIngest = (now: () => bigint = () => BigInt(Date.now()) * 1_000_000n): OtlpIngest => {
  const ids = new SpanIdMap();
  const tracker = new CumulativeTracker();
  return {
    map(signal, encoding, body) {
      const out = new BatchBuilder();
      switch (signal) {
        case 'traces':
          mapTraces(encoding === 'json' ? decodeTracesJson(parseJson(body), out.rejections) : decodeTracesProto(body), ids, out);
          break;
        case 'logs':
          mapLogs(encoding === 'json' ? decodeLogsJson(parseJson(body), out.rejections) : decodeLogsProto(body), out, now());
          break;
        case 'metrics':
          mapMetrics(encoding === 'json' ? decodeMetricsJson(parseJson(body), out.rejections) : decodeMetricsProto(body), tracker, out, now());
          break;
        default:
          return signal satisfies never;
      }
      return out.build();
    },
  };
};
