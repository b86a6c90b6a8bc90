import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Appends one whole line with a single write on an O_APPEND descriptor. Many hook processes append to the
 * same file at once: with O_APPEND the kernel moves to the end and writes under the inode lock, so on a local
 * file system lines from different processes never interleave (one write call per line is what makes that
 * hold; a retry loop only runs after a short write, which regular files do not produce short of a full disk).
 * New files get mode 0600 in a 0700 directory.
 */
export const appendLine = (path: string, line: string): void => {
  const buffer = Buffer.from(line.endsWith('\n') ? line : `${line}\n`);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'a', 0o600);
  try {
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(fd, buffer, offset, buffer.length - offset);
  } finally {
    closeSync(fd);
  }
};
