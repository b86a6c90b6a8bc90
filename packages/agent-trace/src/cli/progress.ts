import type { Writable } from 'node:stream';
import { formatBytes } from './output.js';

export interface ImportProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  sessions: number;
}

/**
 * A one-line progress bar on a terminal (files, MB, sessions), redrawn at most every 100 ms so that
 * drawing never costs import time; `done()` clears it. On a non-terminal it draws nothing.
 */
export const createProgressBar = (out: Writable, enabled: boolean) => {
  let last = 0;
  let drawn = false;
  const width = 24;
  return {
    update(p: ImportProgress, force = false): void {
      if (!enabled) return;
      const now = Date.now();
      if (!force && now - last < 100) return;
      last = now;
      const ratio = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : p.filesTotal > 0 ? p.filesDone / p.filesTotal : 1;
      const filled = Math.round(ratio * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      out.write(
        `\r${bar} ${String(Math.round(ratio * 100)).padStart(3)}%  files ${p.filesDone}/${p.filesTotal}  ${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}  sessions ${p.sessions}\u001b[K`,
      );
      drawn = true;
    },
    done(): void {
      if (drawn) out.write('\r\u001b[K');
      drawn = false;
    },
  };
};
