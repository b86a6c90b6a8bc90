import { closeSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RotatingFile {
  write(text: string): void;
  close(): void;
}

export interface RotatingFileOptions {
  /** Rotate when the file would grow past this many bytes. */
  maxBytes: number;
  /** Rotated files kept: `<path>.1` (newest) … `<path>.<keep>`. */
  keep: number;
}

/**
 * An append-only file, mode 0600 in a 0700 folder, rotated by size. Writes are synchronous: the collector
 * logs a few lines per second at most, and a line written before a crash must be on disk.
 */
export const openRotatingFile = (path: string, options: RotatingFileOptions): RotatingFile => {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let fd = openSync(path, 'a', 0o600);
  let size = fstatSync(fd).size;
  const rotate = (): void => {
    closeSync(fd);
    rmSync(`${path}.${options.keep}`, { force: true });
    for (let i = options.keep - 1; i >= 1; i--) {
      try {
        renameSync(`${path}.${i}`, `${path}.${i + 1}`);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    renameSync(path, `${path}.1`);
    fd = openSync(path, 'a', 0o600);
    size = 0;
  };
  return {
    write(text) {
      const bytes = Buffer.byteLength(text);
      if (size > 0 && size + bytes > options.maxBytes) rotate();
      writeSync(fd, text);
      size += bytes;
    },
    close() {
      closeSync(fd);
    },
  };
};
