import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { FileState } from '../store/types.js';

/** Bytes hashed to tell a replaced file from an appended one. */
export const HEAD_BYTES = 4096;

/**
 * `<length>:<sha256 hex>` of the first min(size, 4 KiB) bytes. The length is part of the value so a
 * later check hashes the same bytes: a file that was 1 KiB and has grown still matches its old head.
 */
export const headHashOf = async (path: string, size: number): Promise<string> => {
  const length = Math.min(size, HEAD_BYTES);
  return `${length}:${await hashPrefix(path, length)}`;
};

const hashPrefix = async (path: string, length: number): Promise<string> => {
  const buffer = Buffer.alloc(length);
  if (length > 0) {
    // Synchronous for the same reason as the line reader: one small read, no thread-pool round trip.
    const fd = openSync(path, 'r');
    try {
      let got = 0;
      while (got < length) {
        const bytesRead = readSync(fd, buffer, got, length - got, got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
    } finally {
      closeSync(fd);
    }
  }
  return createHash('sha256').update(buffer).digest('hex');
};

export type FileChange =
  | { kind: 'new' }
  | { kind: 'unchanged' }
  | { kind: 'appended'; from: FileState }
  | { kind: 'replaced' };

/**
 * Compares a file with what was saved after its last read. Same size and mtime: unchanged, not
 * opened. Same head and not shorter than the saved offset: appended, read from the offset.
 * Anything else (a different head, a shorter file): replaced, read again from byte 0.
 */
export const classifyChange = async (path: string, size: number, mtimeMs: number, saved: FileState | null): Promise<FileChange> => {
  if (saved === null) return { kind: 'new' };
  if (saved.size === size && saved.mtimeMs === mtimeMs) return { kind: 'unchanged' };
  if (size < saved.offset) return { kind: 'replaced' };
  const colon = saved.headHash.indexOf(':');
  const length = Number(saved.headHash.slice(0, colon));
  if (colon < 1 || !Number.isSafeInteger(length) || length > size) return { kind: 'replaced' };
  const current = `${length}:${await hashPrefix(path, length)}`;
  return current === saved.headHash ? { kind: 'appended', from: saved } : { kind: 'replaced' };
};
