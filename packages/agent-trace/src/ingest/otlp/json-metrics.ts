import { array, attributes, enumValue, field, isObject, nanos, num, object, readJsonEnvelope, str, type Json } from './json-common.js';
import type { MetricsRequest, OtlpDistributionPoint, OtlpMetric, OtlpMetricData, OtlpNumberPoint } from './model.js';
import type { RejectionList } from './rejection.js';

const TEMPORALITIES = ['AGGREGATION_TEMPORALITY_UNSPECIFIED', 'AGGREGATION_TEMPORALITY_DELTA', 'AGGREGATION_TEMPORALITY_CUMULATIVE'] as const;

const numberPoint = (p: Json, path: string): OtlpNumberPoint => ({
  attributes: attributes(p, path),
  startNs: nanos(p, 'startTimeUnixNano', 'start_time_unix_nano', path),
  timeNs: nanos(p, 'timeUnixNano', 'time_unix_nano', path),
  value: field(p, 'asDouble', 'as_double') !== undefined ? num(p, 'asDouble', 'as_double', path) : num(p, 'asInt', 'as_int', path),
});

const distributionPoint = (p: Json, path: string): OtlpDistributionPoint => ({
  attributes: attributes(p, path),
  startNs: nanos(p, 'startTimeUnixNano', 'start_time_unix_nano', path),
  timeNs: nanos(p, 'timeUnixNano', 'time_unix_nano', path),
  count: num(p, 'count', 'count', path),
  sum: num(p, 'sum', 'sum', path),
});

const points = <P>(data: Json, path: string, read: (p: Json, path: string) => P): P[] =>
  array(data, 'dataPoints', 'data_points', path).map((p, i) => read(isObject(p) ? p : {}, `${path}.dataPoints[${i}]`));

const readData = (m: Json, path: string): OtlpMetricData => {
  const gauge = object(m, 'gauge', 'gauge', path);
  if (gauge) return { type: 'gauge', points: points(gauge, `${path}.gauge`, numberPoint) };
  const sum = object(m, 'sum', 'sum', path);
  if (sum) {
    return {
      type: 'sum',
      points: points(sum, `${path}.sum`, numberPoint),
      temporality: enumValue(sum, 'aggregationTemporality', 'aggregation_temporality', `${path}.sum`, TEMPORALITIES),
      monotonic: field(sum, 'isMonotonic', 'is_monotonic') === true,
    };
  }
  for (const [camel, snake] of [
    ['histogram', 'histogram'],
    ['exponentialHistogram', 'exponential_histogram'],
  ] as const) {
    const h = object(m, camel, snake, path);
    if (h) {
      return {
        type: 'histogram',
        points: points(h, `${path}.${camel}`, distributionPoint),
        temporality: enumValue(h, 'aggregationTemporality', 'aggregation_temporality', `${path}.${camel}`, TEMPORALITIES),
      };
    }
  }
  const summary = object(m, 'summary', 'summary', path);
  if (summary) return { type: 'summary', points: points(summary, `${path}.summary`, distributionPoint) };
  return { type: 'empty' };
};

const readMetric = (m: Json, path: string): OtlpMetric => ({
  name: str(m, 'name', 'name', path),
  unit: str(m, 'unit', 'unit', path),
  data: readData(m, path),
});

export const decodeMetricsJson = (body: unknown, rejections: RejectionList): MetricsRequest =>
  readJsonEnvelope(body, { resources: ['resourceMetrics', 'resource_metrics'], scopes: ['scopeMetrics', 'scope_metrics'], items: ['metrics', 'metrics'] }, readMetric, rejections);
