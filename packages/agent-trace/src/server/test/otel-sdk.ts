import type { HrTime } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';

/** Exporter-shaped things the tests drive: the real OTLP exporters all have this `export`. */
interface Exporter<T> {
  export(items: T[], done: (result: { code: number; error?: Error }) => void): void;
  shutdown(): Promise<void>;
}

/** Sends through a real exporter and resolves with its result code (0 = success). */
export const exportWith = <T>(exporter: Exporter<T>, items: T[]): Promise<{ code: number; error?: Error }> =>
  new Promise((resolve) => exporter.export(items, resolve));

export const hr = (ns: bigint): HrTime => [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
export const hrToNs = (t: HrTime): bigint => BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);

export interface SpanSpec {
  name: string;
  startNs: bigint;
  endNs: bigint;
  attributes?: Record<string, string | number | boolean | string[]>;
  parent?: ReadableSpan;
  error?: string;
  events?: { name: string; timeNs: bigint; attributes?: Record<string, string | number> }[];
}

/** Makes real SDK spans (ReadableSpan) with exact nanosecond times, under one resource. */
export const makeSpans = async (resource: Record<string, string>, specs: SpanSpec[]): Promise<ReadableSpan[]> => {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes(resource), spanProcessors: [new SimpleSpanProcessor(memory)] });
  const { context, trace } = await import('@opentelemetry/api');
  const tracer = provider.getTracer('agent-trace-test', '1.0.0');
  const made: ReadableSpan[] = [];
  for (const spec of specs) {
    const parentContext = spec.parent ? trace.setSpanContext(context.active(), spec.parent.spanContext()) : context.active();
    const span = tracer.startSpan(spec.name, { startTime: hr(spec.startNs), attributes: spec.attributes ?? {} }, parentContext);
    for (const e of spec.events ?? []) span.addEvent(e.name, e.attributes ?? {}, hr(e.timeNs));
    if (spec.error) span.setStatus({ code: 2, message: spec.error });
    span.end(hr(spec.endNs));
    made.push(memory.getFinishedSpans().at(-1) as ReadableSpan);
  }
  await provider.shutdown();
  return made;
};

export interface LogSpec {
  timeNs: bigint;
  body: string;
  severityNumber?: number;
  attributes?: Record<string, string | number | boolean>;
}

export const makeLogs = async (resource: Record<string, string>, scope: string, specs: LogSpec[]): Promise<ReadableLogRecord[]> => {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource: resourceFromAttributes(resource), processors: [new SimpleLogRecordProcessor({ exporter: memory })] });
  const logger = provider.getLogger(scope);
  for (const spec of specs) {
    logger.emit({ timestamp: hr(spec.timeNs), body: spec.body, severityNumber: spec.severityNumber ?? 9, attributes: spec.attributes ?? {} });
  }
  const records = [...memory.getFinishedLogRecords()];
  await provider.shutdown();
  return records;
};
