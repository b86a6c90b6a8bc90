import type { Signal } from '../ingest/otlp/index.js';

export type Transport = 'http' | 'grpc';

/**
 * The collector's own counters: requests by transport and outcome, records accepted per signal, and
 * records or requests rejected per reason (malformed_json, unsupported_media_type, queue_full, …).
 * Exposed as JSON in /readyz and as Prometheus text in /metrics.
 */
export class Counters {
  readonly requests = new Map<string, number>();
  readonly accepted = new Map<Signal | 'hooks', number>();
  readonly rejected = new Map<string, number>();

  private static bump<K>(map: Map<K, number>, key: K, by = 1): void {
    map.set(key, (map.get(key) ?? 0) + by);
  }

  request(transport: Transport, outcome: string): void {
    Counters.bump(this.requests, `${transport}:${outcome}`);
  }

  accept(signal: Signal | 'hooks', records: number): void {
    Counters.bump(this.accepted, signal, records);
  }

  reject(reason: string, records = 1): void {
    Counters.bump(this.rejected, reason, records);
  }

  toJSON(): { requests: Record<string, number>; accepted: Record<string, number>; rejected: Record<string, number> } {
    return {
      requests: Object.fromEntries(this.requests),
      accepted: Object.fromEntries(this.accepted),
      rejected: Object.fromEntries(this.rejected),
    };
  }
}

const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Prometheus text exposition format 0.0.4. */
export const renderPrometheus = (counters: Counters, gauges: { queueRecords: number; queueCapacity: number }): string => {
  const lines: string[] = [];
  lines.push('# HELP agent_trace_requests_total OTLP export requests by transport and outcome.');
  lines.push('# TYPE agent_trace_requests_total counter');
  for (const [key, n] of counters.requests) {
    const [transport, outcome] = key.split(':');
    lines.push(`agent_trace_requests_total{transport="${escapeLabel(transport ?? '')}",outcome="${escapeLabel(outcome ?? '')}"} ${n}`);
  }
  lines.push('# HELP agent_trace_records_accepted_total Records (spans, log records, data points) written, per signal.');
  lines.push('# TYPE agent_trace_records_accepted_total counter');
  for (const [signal, n] of counters.accepted) lines.push(`agent_trace_records_accepted_total{signal="${signal}"} ${n}`);
  lines.push('# HELP agent_trace_rejected_total Records or requests refused, per reason.');
  lines.push('# TYPE agent_trace_rejected_total counter');
  for (const [reason, n] of counters.rejected) lines.push(`agent_trace_rejected_total{reason="${escapeLabel(reason)}"} ${n}`);
  lines.push('# HELP agent_trace_queue_records Records waiting to be written.');
  lines.push('# TYPE agent_trace_queue_records gauge');
  lines.push(`agent_trace_queue_records ${gauges.queueRecords}`);
  lines.push('# HELP agent_trace_queue_capacity_records Queue bound; requests beyond it get 503 / UNAVAILABLE.');
  lines.push('# TYPE agent_trace_queue_capacity_records gauge');
  lines.push(`agent_trace_queue_capacity_records ${gauges.queueCapacity}`);
  return `${lines.join('\n')}\n`;
};
