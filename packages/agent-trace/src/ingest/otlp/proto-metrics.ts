import type { Attributes } from '@agent-trace/schema';
import type { MetricsRequest, OtlpDistributionPoint, OtlpMetric, OtlpMetricData, OtlpNumberPoint } from './model.js';
import { readEnvelope, readKeyValueInto } from './proto-common.js';
import { WireReader } from './wire-reader.js';

/** NumberDataPoint: start 2, time 3, as_double 4, as_int 6 (sfixed64), attributes 7. */
const readNumberPoint = (r: WireReader): OtlpNumberPoint => {
  const point: OtlpNumberPoint = { attributes: {}, startNs: 0n, timeNs: 0n, value: 0 };
  while (r.more()) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 2:
        point.startNs = r.fixed64();
        break;
      case 3:
        point.timeNs = r.fixed64();
        break;
      case 4:
        point.value = r.double();
        break;
      case 6:
        point.value = r.sfixed64();
        break;
      case 7:
        r.nested('KeyValue', (kv) => readKeyValueInto(kv, point.attributes));
        break;
      default:
        r.skip(tag & 7);
    }
  }
  return point;
};

/**
 * Histogram, exponential-histogram and summary points share start 2, time 3, count 4 (fixed64) and
 * sum 5 (double); their attributes are field 9, 1 and 7 respectively.
 */
const distributionPointReader =
  (attributesField: number) =>
  (r: WireReader): OtlpDistributionPoint => {
    const attributes: Attributes = {};
    const point: OtlpDistributionPoint = { attributes, startNs: 0n, timeNs: 0n, count: 0, sum: 0 };
    while (r.more()) {
      const tag = r.uint32();
      const field = tag >>> 3;
      if (field === 2) point.startNs = r.fixed64();
      else if (field === 3) point.timeNs = r.fixed64();
      else if (field === 4) point.count = Number(r.fixed64());
      else if (field === 5) point.sum = r.double();
      else if (field === attributesField) r.nested('KeyValue', (kv) => readKeyValueInto(kv, attributes));
      else r.skip(tag & 7);
    }
    return point;
  };

const readHistogramPoint = distributionPointReader(9);
const readExponentialPoint = distributionPointReader(1);
const readSummaryPoint = distributionPointReader(7);

/** Gauge, Sum, Histogram, ExponentialHistogram, Summary: data_points 1, temporality 2, is_monotonic 3. */
const readData = <P>(r: WireReader, pointName: string, readPoint: (r: WireReader) => P) => {
  const points: P[] = [];
  let temporality = 0;
  let monotonic = false;
  while (r.more()) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1) points.push(r.nested(pointName, readPoint));
    else if (field === 2) temporality = r.uint32();
    else if (field === 3) monotonic = r.bool();
    else r.skip(tag & 7);
  }
  return { points, temporality, monotonic };
};

/** Metric: name 1, unit 3, gauge 5, sum 7, histogram 9, exponential_histogram 10, summary 11. */
const readMetric = (r: WireReader): OtlpMetric => {
  const metric: OtlpMetric = { name: '', unit: '', data: { type: 'empty' } };
  while (r.more()) {
    const tag = r.uint32();
    let data: OtlpMetricData | undefined;
    switch (tag >>> 3) {
      case 1:
        metric.name = r.string();
        break;
      case 3:
        metric.unit = r.string();
        break;
      case 5:
        data = { type: 'gauge', points: r.nested('Gauge', (g) => readData(g, 'NumberDataPoint', readNumberPoint)).points };
        break;
      case 7: {
        const d = r.nested('Sum', (s) => readData(s, 'NumberDataPoint', readNumberPoint));
        data = { type: 'sum', points: d.points, temporality: d.temporality, monotonic: d.monotonic };
        break;
      }
      case 9: {
        const d = r.nested('Histogram', (h) => readData(h, 'HistogramDataPoint', readHistogramPoint));
        data = { type: 'histogram', points: d.points, temporality: d.temporality };
        break;
      }
      case 10: {
        const d = r.nested('ExponentialHistogram', (h) => readData(h, 'ExponentialHistogramDataPoint', readExponentialPoint));
        data = { type: 'histogram', points: d.points, temporality: d.temporality };
        break;
      }
      case 11:
        data = { type: 'summary', points: r.nested('Summary', (s) => readData(s, 'SummaryDataPoint', readSummaryPoint)).points };
        break;
      default:
        r.skip(tag & 7);
    }
    if (data) metric.data = data;
  }
  return metric;
};

/** ExportMetricsServiceRequest: repeated ResourceMetrics resource_metrics = 1. */
export const decodeMetricsProto = (body: Buffer): MetricsRequest => readEnvelope(new WireReader(body), 'Metrics', 'Metric', readMetric);
