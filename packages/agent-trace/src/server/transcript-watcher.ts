import { watch, type FSWatcher } from 'node:fs';
import { AgentTraceError } from '../errors.js';
import { importTranscripts, type ImportOptions } from '../ingest/import.js';
import { claudeConfigRoots } from '../ingest/transcripts/claude-code/paths.js';
import { join } from 'node:path';
import type { Logger } from './logger.js';

export interface TranscriptWatcherOptions extends Omit<ImportOptions, 'onProgress'> {
  logger: Logger;
  /** Seconds between polls (default 5). */
  intervalMs?: number;
}

export interface TranscriptWatcher {
  /** Runs one import now (or waits for the running one). */
  runOnce(): Promise<void>;
  close(): Promise<void>;
}

/** A change seen by fs.watch waits this long for more before importing, so a burst of writes is one run. */
const DEBOUNCE_MS = 300;

/**
 * Keeps the store up to date with Claude Code's transcripts while `serve` runs: an import (new bytes only)
 * every few seconds and shortly after fs.watch reports a change. One run at a time; a run that finds no
 * transcripts yet is quiet.
 */
export const startTranscriptWatcher = (options: TranscriptWatcherOptions): TranscriptWatcher => {
  const { logger } = options;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  let debounce: NodeJS.Timeout | null = null;

  const importOnce = async (): Promise<void> => {
    try {
      const summary = await importTranscripts(options);
      if (summary.filesRead > 0) logger.info('transcripts imported', { files: summary.filesRead, sessions: summary.sessions, spans: summary.spans, problems: summary.problems.length });
    } catch (err) {
      if (err instanceof AgentTraceError && err.kind === 'noInput') return;
      logger.warn('transcript import failed', { error: err as Error });
    }
  };

  const runOnce = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = importOnce().finally(() => {
      running = null;
      if (again && !closed) {
        again = false;
        void runOnce();
      }
    });
    return running;
  };

  const timer = setInterval(() => void runOnce(), options.intervalMs ?? 5000);
  const watchers: FSWatcher[] = [];
  for (const root of options.paths ?? claudeConfigRoots(options.env, options.home).map((r) => join(r, 'projects'))) {
    try {
      const watcher = watch(root, { recursive: true, persistent: false }, () => {
        if (debounce || closed) return;
        debounce = setTimeout(() => {
          debounce = null;
          void runOnce();
        }, DEBOUNCE_MS);
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // The folder may not exist yet (or recursive watch is unsupported): the interval still polls it.
    }
  }
  void runOnce();

  return {
    runOnce,
    async close() {
      closed = true;
      clearInterval(timer);
      if (debounce) clearTimeout(debounce);
      for (const w of watchers) w.close();
      if (running) await running;
    },
  };
};
