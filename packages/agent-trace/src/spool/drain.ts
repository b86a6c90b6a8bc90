import { createReadStream, existsSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { backoffDelayMs } from './backoff.js';
import { appendDeadLetter, deadLetterOf } from './dead-letter.js';
import { decodeEnvelope, type SpooledHookEvent } from './envelope.js';
import { acquireSpoolLock } from './spool-lock.js';
import { spoolPaths } from './spool-paths.js';

/** What `send` may report: events it can never accept (by index in the batch), which go to the dead-letter file. */
export type SendResult = void | { rejected?: ReadonlyArray<{ index: number; reason: string }> };
export type SendEvents = (events: SpooledHookEvent[]) => Promise<SendResult>;

export interface DrainOptions {
  batchSize?: number;
  /** Attempts per batch before the drain stops and leaves the rest for next time. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Wait after renaming the spool before reading it: a hook process that opened the spool just before the
   * rename still writes into the renamed file. Its open-write-close takes microseconds; 50 ms is ample.
   */
  graceMs?: number;
  random?: () => number;
}

export interface DrainResult {
  /** Events `send` accepted. */
  sent: number;
  deadLettered: number;
  /** True when a batch kept failing: the unsent events stay in the `.draining` file for the next drain. */
  incomplete: boolean;
  /** Another process was draining. */
  locked: boolean;
  lastError: string | null;
}

/** Complete lines in [offset, size); a last line without its newline (an append in progress) is not yielded. */
async function* readLines(path: string, offset: number, size: number): AsyncGenerator<{ text: string; endOffset: number }> {
  if (size <= offset) return;
  const stream = createReadStream(path, { start: offset, end: size - 1, encoding: 'utf8' });
  let position = offset;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    const end = position + Buffer.byteLength(text) + 1;
    if (end > size) break;
    position = end;
    yield { text, endOffset: position };
  }
}

const readTail = async (path: string, offset: number): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path, { start: offset }) as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
};

class Drainer {
  readonly result: DrainResult = { sent: 0, deadLettered: 0, incomplete: false, locked: false, lastError: null };
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;
  private readonly graceMs: number;

  constructor(
    private readonly dataDir: string,
    private readonly send: SendEvents,
    opts: DrainOptions,
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.maxAttempts = opts.maxAttempts ?? 5;
    this.baseDelayMs = opts.baseDelayMs ?? 200;
    this.maxDelayMs = opts.maxDelayMs ?? 5_000;
    this.random = opts.random ?? Math.random;
    this.graceMs = opts.graceMs ?? 50;
  }

  private deadLetter(reason: string, line: string): void {
    appendDeadLetter(this.dataDir, deadLetterOf(reason, 'spool', line, true));
    this.result.deadLettered++;
  }

  /** Sends one batch with retries; false when every attempt failed. */
  private async sendBatch(batch: Array<{ event: SpooledHookEvent; line: string }>): Promise<boolean> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      if (attempt > 0) await sleep(backoffDelayMs(attempt - 1, this.baseDelayMs, this.maxDelayMs, this.random));
      let outcome: SendResult;
      try {
        outcome = await this.send(batch.map((b) => b.event));
      } catch (err) {
        this.result.lastError = (err as Error)?.message ?? String(err);
        continue;
      }
      const rejected = new Map((outcome?.rejected ?? []).map((r) => [r.index, r.reason]));
      batch.forEach((b, index) => {
        const reason = rejected.get(index);
        if (reason === undefined) this.result.sent++;
        else this.deadLetter(`rejected by the collector: ${reason}`, b.line);
      });
      return true;
    }
    return false;
  }

  /**
   * Sends every line of a `.draining` file, then removes it. Reads again from where it stopped until the file
   * stops growing (a late append into the renamed file is sent too, not deleted with it).
   */
  async drainFile(path: string): Promise<boolean> {
    let offset = 0;
    let lineNumber = 0;
    let stalled = false;
    for (;;) {
      const size = statSync(path).size;
      const before = offset;
      let batch: Array<{ event: SpooledHookEvent; line: string }> = [];
      for await (const line of readLines(path, offset, size)) {
        offset = line.endOffset;
        lineNumber++;
        if (line.text.trim() === '') continue;
        try {
          batch.push({ event: decodeEnvelope(line.text), line: line.text });
        } catch (err) {
          this.deadLetter(`spool line ${lineNumber} is not a valid envelope: ${(err as Error).message}`, line.text);
        }
        if (batch.length >= this.batchSize) {
          if (!(await this.sendBatch(batch))) return false;
          batch = [];
        }
      }
      if (batch.length > 0 && !(await this.sendBatch(batch))) return false;
      if (statSync(path).size <= offset) break;
      if (offset === before) {
        // Bytes without a newline at the end: a write in progress, or a torn one (a full disk). Wait once.
        if (stalled) {
          const tail = await readTail(path, offset);
          this.deadLetter('incomplete spool line (no newline at the end of the file)', tail);
          break;
        }
        stalled = true;
        await sleep(this.graceMs);
      }
    }
    unlinkSync(path);
    return true;
  }
}

/**
 * Sends the spooled hook events to `send` and removes what was sent. Never loses an event appended meanwhile:
 * the spool is renamed to `.draining` first (new events start a fresh spool), and a `.draining` file left by a
 * failed or interrupted drain is sent before anything else. Each batch is retried with exponential backoff and
 * jitter; when a batch keeps failing the drain stops and keeps the file, so a later drain sends those events
 * again. Event ids are deterministic, so an event sent twice is stored once.
 */
export const drainSpool = async (dataDir: string, send: SendEvents, opts: DrainOptions = {}): Promise<DrainResult> => {
  const paths = spoolPaths(dataDir);
  const drainer = new Drainer(dataDir, send, opts);
  const release = existsSync(dataDir) ? acquireSpoolLock(paths.lock) : null;
  if (!existsSync(dataDir)) return drainer.result;
  if (!release) return { ...drainer.result, locked: true };
  try {
    if (existsSync(paths.draining) && !(await drainer.drainFile(paths.draining))) {
      drainer.result.incomplete = true;
      return drainer.result;
    }
    try {
      renameSync(paths.spool, paths.draining);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return drainer.result;
      throw err;
    }
    await sleep(opts.graceMs ?? 50);
    if (!(await drainer.drainFile(paths.draining))) drainer.result.incomplete = true;
    return drainer.result;
  } finally {
    release();
  }
};
