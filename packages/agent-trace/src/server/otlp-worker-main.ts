import { parentPort } from 'node:worker_threads';
import { createOtlpIngest, OtlpDecodeError } from '../ingest/otlp/index.js';
import { createPipeline, type Pipeline } from '../pipeline/index.js';
import { createPriceBook } from '../pricing/index.js';
import type { Span } from '@agent-trace/schema';
import type { WriteBatch } from '../store/types.js';
import { packedTransferList, packSpans, type PackedSpans } from '../ingest/span-transfer.js';
import type { WorkerReply, WorkerRequest } from './otlp-worker.js';

/**
 * The OTLP worker thread (otlp-worker.ts says why): decodes and maps each request, runs the pipeline on it, and
 * answers with the records packed. Requests are handled one at a time in the order they were posted, so the state
 * that spans requests (Claude span ids, cumulative metric series, remembered project roots) sees them in arrival
 * order, as the collector's thread did.
 */
const port = parentPort;
if (!port) throw new Error('otlp-worker-main runs as a worker thread');

const ingest = createOtlpIngest();
let pipeline: Pipeline | null = null;

const spansOut = (spans: readonly Span[] | undefined, transfer: ArrayBuffer[]): PackedSpans | readonly Span[] | null => {
  if (!spans) return null;
  const packed = packSpans(spans);
  if (!packed) return spans;
  transfer.push(...packedTransferList(packed));
  return packed;
};

const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

const handle = (message: WorkerRequest): void => {
  switch (message.kind) {
    case 'configure':
      pipeline = createPipeline(message.config, createPriceBook(message.config.pricing.models), { salt: message.salt });
      return;
    case 'sessions':
      // The collector's thread saw these sessions (with their working directories) in batches it put through its
      // own pipeline: this one remembers the same project roots, for the spans that come here later.
      pipeline?.process({ sessions: message.sessions });
      return;
    case 'map': {
      const { id } = message;
      let mapped;
      try {
        mapped = ingest.map(message.signal, message.encoding, Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength));
      } catch (err) {
        if (err instanceof OtlpDecodeError) reply({ id, kind: 'invalid', reason: err.reason, message: err.message });
        else reply({ id, kind: 'failed', name: (err as Error).name, message: (err as Error).message });
        return;
      }
      let batch: WriteBatch = mapped.batch;
      let pipelineError: { name: string; message: string } | null = null;
      // As on the collector's thread, only records that are written go through the pipeline.
      if (pipeline && mapped.accepted > 0) {
        try {
          batch = pipeline.process(batch);
        } catch (err) {
          batch = {};
          pipelineError = { name: (err as Error).name, message: (err as Error).message };
        }
      }
      const { spans, sampledSpans, ...rest } = batch;
      const transfer: ArrayBuffer[] = [];
      const { rejections } = mapped;
      reply(
        {
          id,
          kind: 'mapped',
          accepted: mapped.accepted,
          rejections: { count: rejections.count, byReason: [...rejections.byReason], kept: rejections.kept },
          processed: pipeline !== null,
          batch: rest,
          spans: spansOut(spans, transfer),
          sampledSpans: spansOut(sampledSpans, transfer),
          pipelineError,
        },
        transfer,
      );
      return;
    }
    default:
      message satisfies never;
  }
};

port.on('message', handle);
// Loaded: the collector announces itself only now, so its first requests do not wait for this thread's start.
reply({ kind: 'ready' });
