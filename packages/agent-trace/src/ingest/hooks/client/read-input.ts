import type * as NodeNet from 'node:net';
import type { Readable } from 'node:stream';
import { readFd } from './read-fd.js';

export interface Input {
  text: string;
  bytes: number;
  /** Why reading stopped before the end of the input, if it did. */
  cutShort: 'too large' | 'deadline' | null;
}

/**
 * Reads all of stdin, up to `maxBytes` and until `deadlineAt` (ms since the epoch). Claude Code writes the
 * payload and closes stdin; a size or time limit protects the agent from a hook that waits on a terminal or a
 * pipe that never closes.
 */
const readStream = (stream: Readable, maxBytes: number, deadlineAt: number, alreadyRead: Buffer[] = []): Promise<Input> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [...alreadyRead];
    let bytes = chunks.reduce((n, c) => n + c.length, 0);
    let done = false;
    const finish = (cutShort: Input['cutShort']): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onEnd);
      if (cutShort) stream.destroy();
      resolve({ text: Buffer.concat(chunks).toString('utf8'), bytes, cutShort });
    };
    const onData = (chunk: Buffer | string): void => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > maxBytes) {
        finish('too large');
        return;
      }
      chunks.push(buffer);
    };
    const onEnd = (): void => finish(null);
    const timer = setTimeout(() => finish('deadline'), Math.max(0, deadlineAt - Date.now()));
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onEnd);
  });

/**
 * `source` is a stream, or a file descriptor (the hook entry passes fd 0: see read-fd.ts for why). A
 * non-blocking descriptor is read as a socket stream once it has no data waiting.
 */
export const readInput = async (source: Readable | number, maxBytes: number, deadlineAt: number): Promise<Input> => {
  if (typeof source !== 'number') return readStream(source, maxBytes, deadlineAt);
  const read = await readFd(source, maxBytes, deadlineAt);
  if (!('wouldBlock' in read)) return read;
  // Through `require` where there is one: the hook's CommonJS bundle runs compiled by node:vm (cli/hook-loader.ts),
  // where `import()` has no loader to call.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Socket } = typeof require === 'function' ? (require('node:net') as typeof NodeNet) : await import('node:net');
  return readStream(new Socket({ fd: source, readable: true, writable: false }), maxBytes, deadlineAt, read.wouldBlock);
};
