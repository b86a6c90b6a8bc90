import type { Attributes, MetricKind, MetricPoint } from '@agent-trace/schema';
import type { BatchBuilder } from './batch-builder.js';
import type { CumulativeTracker } from './cumulative.js';
import type { MetricsRequest, OtlpMetric } from './model.js';
import { agentOf, sessionIdIn, sessionRefOf, type SessionRef } from './session-ref.js';
import { asString } from './values.js';

const CUMULATIVE = 2;

const labelsOf = (attrs: Attributes, serviceName: string | null): Record<string, string> => {
  const labels: Record<string, string> = {};
  for (const key in attrs) {
    const v = attrs[key];
    labels[key] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  if (serviceName !== null && labels['service.name'] === undefined) labels['service.name'] = serviceName;
  return labels;
};

const seriesKey = (name: string, labels: Record<string, string>): string =>
  `${name}\u001f${JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]))}`;

interface PointContext {
  metric: OtlpMetric;
  labels: Record<string, string>;
  sessionId: SessionRef['id'] | null;
  timeNs: bigint;
  startNs: bigint;
}

/**
 * Maps decoded metrics to metric points. Sums and histograms are stored as deltas (cumulative series are
 * differenced per series by the tracker), gauges as they are. Histograms keep sum and count (`<name>.count`),
 * not their buckets. Token and cost counters are stored as points only: session totals come from model-call
 * spans alone, so usage is never counted twice.
 */
export const mapMetrics = (request: MetricsRequest, tracker: CumulativeTracker, out: BatchBuilder, receivedNs: bigint): void => {
  const push = (p: PointContext, name: string, kind: MetricKind, value: number, cumulative: boolean): void => {
    let stored = value;
    if (cumulative) {
      const step = tracker.step(seriesKey(name, p.labels), p.startNs, p.timeNs, value);
      if (step.kind === 'stale') return;
      stored = step.value;
    }
    const point: MetricPoint = { name, kind, value: stored, labels: p.labels, timeNs: p.timeNs, sessionId: p.sessionId };
    out.metrics.push(point);
  };
  for (const res of request) {
    const agent = agentOf(res.resource);
    const serviceName = asString(res.resource['service.name']);
    const version = asString(res.resource['service.version']);
    for (const { items } of res.scopes) {
      for (const metric of items) {
        const data = metric.data;
        if (data.type === 'empty') continue;
        if (!metric.name) {
          out.rejections.add('missing_metric_name', `metric without a name (${data.points.length} data points)`);
          continue;
        }
        for (const point of data.points) {
          const sid = sessionIdIn(point.attributes, res.resource);
          const ref = sid ? sessionRefOf(sid, agent) : null;
          const timeNs = point.timeNs > 0n ? point.timeNs : receivedNs;
          const p: PointContext = { metric, labels: labelsOf(point.attributes, serviceName), sessionId: ref?.id ?? null, timeNs, startNs: point.startNs };
          out.accepted++;
          if (ref) out.touchSession(ref, timeNs, version);
          switch (data.type) {
            case 'gauge':
              push(p, metric.name, 'gauge', (point as { value: number }).value, false);
              break;
            case 'sum': {
              const value = (point as { value: number }).value;
              if (data.monotonic) push(p, metric.name, 'counter', value, data.temporality === CUMULATIVE);
              else push(p, metric.name, 'gauge', value, false);
              break;
            }
            case 'histogram':
            case 'summary': {
              const dist = point as { sum: number; count: number };
              const cumulative = data.type === 'summary' || data.temporality === CUMULATIVE;
              push(p, metric.name, 'histogram', dist.sum, cumulative);
              push(p, `${metric.name}.count`, 'counter', dist.count, cumulative);
              break;
            }
          }
        }
      }
    }
  }
};
