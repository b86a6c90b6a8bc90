import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';

/** A body the collector refuses before decoding: status, reason code (for the counters), message. */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/** Largest body accepted, after decompression: 16 MiB (the size gRPC clients default to as well). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

const tooLarge = (limit: number): BodyError =>
  new BodyError(413, 'body_too_large', `request body is larger than ${limit} bytes after decompression; send smaller batches`);

const decoderFor = (encoding: string): Transform | null => {
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    default:
      throw new BodyError(415, 'unsupported_content_encoding', `Content-Encoding '${encoding}' is not supported; use gzip or none`);
  }
};

/**
 * Reads a request body, decompressing gzip/deflate on the fly. The limit applies to the decompressed bytes
 * as they are produced, so a gzip bomb is stopped after `limit` bytes instead of filling memory; a
 * Content-Length over the limit is refused before reading anything.
 */
export const readBody = (req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> =>
  new Promise<Buffer>((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    const encoding = String(req.headers['content-encoding'] ?? '').trim().toLowerCase();
    let decoder: Transform | null;
    try {
      decoder = decoderFor(encoding);
    } catch (err) {
      req.resume();
      reject(err);
      return;
    }
    if (decoder === null && Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (err: BodyError): void => {
      if (settled) return;
      settled = true;
      req.unpipe();
      decoder?.destroy();
      req.resume();
      reject(err);
    };
    const source = decoder ?? req;
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(tooLarge(limit));
      else chunks.push(chunk);
    });
    source.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    source.on('error', (err: Error) => {
      if (decoder && source === decoder) fail(new BodyError(400, 'bad_compression', `body is not valid ${encoding} data: ${err.message}`));
      else fail(new BodyError(400, 'body_read_error', `cannot read the request body: ${err.message}`));
    });
    if (decoder) {
      req.on('error', (err) => fail(new BodyError(400, 'body_read_error', `cannot read the request body: ${err.message}`)));
      req.pipe(decoder);
    }
  });
