import { Server, ServerCredentials, status, type sendUnaryData, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Signal } from '../ingest/otlp/index.js';
import type { ExportHandler } from './export-handler.js';
import { exportResponse } from './otlp-responses.js';
import { MAX_BODY_BYTES } from './request-body.js';

const SERVICES: Record<Signal, string> = {
  traces: 'opentelemetry.proto.collector.trace.v1.TraceService',
  logs: 'opentelemetry.proto.collector.logs.v1.LogsService',
  metrics: 'opentelemetry.proto.collector.metrics.v1.MetricsService',
};

const identity = (b: Buffer): Buffer => b;

/**
 * The three OTLP/gRPC Export methods, with raw-bytes (de)serialisers: the message is decoded by the same
 * protobuf decoder as OTLP/HTTP, so both transports validate and map identically. grpc-js handles gzip
 * message compression; messages over 16 MiB are refused with RESOURCE_EXHAUSTED.
 */
export const startGrpcServer = (handler: ExportHandler, host: string, port: number): Promise<{ server: Server; port: number }> => {
  const server = new Server({
    'grpc.max_receive_message_length': MAX_BODY_BYTES,
    'grpc.max_send_message_length': 1024 * 1024,
  });
  for (const signal of Object.keys(SERVICES) as Signal[]) {
    const service = SERVICES[signal];
    const definition = {
      Export: {
        path: `/${service}/Export`,
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    };
    const implementation: UntypedServiceImplementation = {
      Export: (call: ServerUnaryCall<Buffer, Buffer>, callback: sendUnaryData<Buffer>) => {
        handler(signal, 'protobuf', call.request, 'grpc').then(
          (outcome) => {
            switch (outcome.kind) {
              case 'ok':
                callback(null, exportResponse(signal, 'protobuf', outcome.rejected, outcome.message));
                return;
              case 'invalid':
                callback({ code: status.INVALID_ARGUMENT, details: outcome.message });
                return;
              case 'unavailable':
                callback({ code: status.UNAVAILABLE, details: outcome.message });
                return;
              case 'failed':
                callback({ code: status.INTERNAL, details: outcome.message });
                return;
              case 'disabled':
                callback({ code: status.PERMISSION_DENIED, details: outcome.message });
                return;
              default:
                outcome satisfies never;
            }
          },
          (err: unknown) => callback({ code: status.INTERNAL, details: (err as Error).message }),
        );
      },
    };
    server.addService(definition, implementation);
  }
  return new Promise((resolve, reject) => {
    server.bindAsync(`${host.includes(':') ? `[${host}]` : host}:${port}`, ServerCredentials.createInsecure(), (err, bound) => {
      if (err) reject(err);
      else resolve({ server, port: bound });
    });
  });
};
