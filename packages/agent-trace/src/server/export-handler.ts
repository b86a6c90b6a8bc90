import { OtlpDecodeError, type OtlpEncoding, type Signal } from '../ingest/otlp/index.js';
import type { Counters, Transport } from './counters.js';
import { QueueFullError, type DurableWriter } from './durable-writer.js';
import type { Logger } from './logger.js';
import type { ProcessedRequest } from './otlp-worker.js';

/** What one export request came to, whatever the transport; HTTP and gRPC each turn it into their statuses. */
export type ExportOutcome =
  | { kind: 'ok'; rejected: number; message: string }
  | { kind: 'invalid'; reason: string; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'disabled'; message: string };

export type ExportHandler = (signal: Signal, encoding: OtlpEncoding, body: Buffer, transport: Transport) => Promise<ExportOutcome>;

/**
 * Decodes and maps a request: on this thread (the batch then goes through the pipeline when it is written), or in
 * the OTLP worker (otlp-worker.ts), which runs the pipeline too. Throws OtlpDecodeError for an unreadable body.
 */
export type RequestMapper = (signal: Signal, encoding: OtlpEncoding, body: Buffer) => ProcessedRequest | Promise<ProcessedRequest>;

/**
 * Decode → map → enqueue → wait for the commit. Counts every outcome: accepted records per signal,
 * rejected records per reason, refused requests per reason.
 */
export const createExportHandler = (
  mapRequest: RequestMapper,
  writer: DurableWriter,
  counters: Counters,
  logger: Logger,
  enabled: () => boolean = () => true,
): ExportHandler => {
  return async (signal, encoding, body, transport) => {
    if (!enabled()) {
      counters.reject('collection_off');
      counters.request(transport, 'disabled');
      return { kind: 'disabled', message: 'collection of OTLP data is turned off in the configuration (collection.enabled, collection.sources.otlp)' };
    }
    let mapped;
    try {
      mapped = await mapRequest(signal, encoding, body);
    } catch (err) {
      if (err instanceof OtlpDecodeError) {
        counters.reject(err.reason);
        counters.request(transport, 'invalid');
        logger.debug('export refused', { signal, encoding, transport, reason: err.reason, error: err.message });
        return { kind: 'invalid', reason: err.reason, message: err.message };
      }
      counters.reject('internal_error');
      counters.request(transport, 'failed');
      logger.error('export decoding failed', { signal, encoding, transport, error: err as Error });
      return { kind: 'failed', message: `internal error while decoding: ${(err as Error).message}` };
    }
    const { rejections } = mapped;
    for (const [reason, n] of rejections.byReason) counters.reject(reason, n);
    if (mapped.accepted > 0) {
      try {
        if (mapped.pipelineError) {
          // The pipeline ran in the worker and threw: the same answer as when it throws at write time.
          logger.error('store write failed', { records: mapped.accepted, error: mapped.pipelineError });
          throw mapped.pipelineError;
        }
        await writer.enqueue(mapped.batch, mapped.accepted, mapped.processed);
      } catch (err) {
        if (err instanceof QueueFullError) {
          counters.reject('queue_full', mapped.accepted);
          counters.request(transport, 'unavailable');
          return { kind: 'unavailable', message: err.message };
        }
        counters.reject('store_error', mapped.accepted);
        counters.request(transport, 'failed');
        return { kind: 'failed', message: `cannot write to the store: ${(err as Error).message}` };
      }
      counters.accept(signal, mapped.accepted);
    }
    if (rejections.count > 0) {
      logger.info('export partially rejected', { signal, transport, accepted: mapped.accepted, rejected: rejections.count, first: rejections.kept[0]?.message });
    }
    counters.request(transport, rejections.count > 0 ? 'partial' : 'ok');
    return { kind: 'ok', rejected: rejections.count, message: rejections.summary() };
  };
};
