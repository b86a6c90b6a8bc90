import type { Readable } from 'node:stream';
import { forwardHook } from './forward.js';
import { readInput } from './read-input.js';

/*
 * The spool, the dead-letter file and the JSON error locator load only when needed: on the common path (the
 * collector accepts the event) they are never used, and every module is a file read and a compile on each hook
 * run. Measured on the bench machine: loading them eagerly cost about 9 ms of a ~25 ms start-up budget.
 */
const deadLetter = async (dataDir: string, reason: string, input: string): Promise<void> => {
  const { appendDeadLetter, deadLetterOf } = await import('../../../spool/dead-letter.js');
  appendDeadLetter(dataDir, deadLetterOf(reason, 'hook', input, false));
};

const notJsonReason = async (text: string): Promise<string> => {
  // JSON.parse's message quotes the input, which may be content: only the position is kept.
  const { locateJsonError } = await import('../../../util/json-syntax-error.js');
  const at = locateJsonError(text);
  return at ? `not JSON: ${at.message} at line ${at.line} column ${at.column}` : 'not JSON';
};

const spool = async (dataDir: string, agent: string, receivedAtNs: bigint, event: Record<string, unknown>): Promise<HookOutcome> => {
  const [{ appendToSpool, spoolFullReason, SPOOL_MAX_BYTES }, { stripContent }, { hookPayloadDigest }] = await Promise.all([
    import('../../../spool/spool-append.js'),
    import('../content-fields.js'),
    import('./hook-digest.js'),
  ]);
  const payloadDigest = await hookPayloadDigest(event);
  const { dropped } = appendToSpool(dataDir, { agent, receivedAtNs, payloadDigest, payload: stripContent(event) });
  if (dropped === null) return 'spooled';
  await deadLetter(dataDir, spoolFullReason(SPOOL_MAX_BYTES), dropped);
  return 'dropped';
};

export interface HookRunOptions {
  dataDir: string;
  collector: URL;
  /** A stream, or a file descriptor to read directly (the hook entry passes fd 0). */
  stdin: Readable | number;
  agent?: string;
  /** When the hook process started, in ns since the epoch: the event's time (hooks carry none). */
  receivedAtNs: bigint;
  /** Connect plus answer. */
  forwardTimeoutMs?: number;
  /** Everything, from start to the last byte written; after it the event is spooled without waiting more. */
  deadlineMs?: number;
  maxInputBytes?: number;
  startedAt?: number;
}

export type HookOutcome = 'forwarded' | 'spooled' | 'dropped' | 'dead-lettered';

export const DEFAULT_FORWARD_TIMEOUT_MS = 300;
export const DEFAULT_DEADLINE_MS = 1000;
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/** Why a parsed value cannot be a hook event, or null when it can (the collector checks the rest). */
const notAHookEvent = (value: unknown): string | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const o = value as Record<string, unknown>;
  if (typeof o['session_id'] !== 'string' || o['session_id'] === '') return 'no session_id';
  if (typeof o['hook_event_name'] !== 'string' || o['hook_event_name'] === '') return 'no hook_event_name';
  return null;
};

/**
 * One hook event, end to end: read stdin, forward to the collector, spool when it cannot be reached,
 * dead-letter what can never be ingested. Writes nothing to stdout (Claude Code would read it as a
 * decision) and throws only if the data dir itself cannot be written.
 */
export const runHook = async (opts: HookRunOptions): Promise<HookOutcome> => {
  const startedAt = opts.startedAt ?? Date.now();
  const deadlineAt = startedAt + (opts.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const agent = opts.agent ?? 'claude-code';
  const input = await readInput(opts.stdin, opts.maxInputBytes ?? MAX_INPUT_BYTES, deadlineAt);
  const giveUp = async (reason: string): Promise<HookOutcome> => {
    await deadLetter(opts.dataDir, reason, input.text);
    return 'dead-lettered';
  };
  if (input.cutShort === 'too large') return giveUp(`input larger than ${opts.maxInputBytes ?? MAX_INPUT_BYTES} bytes`);
  if (input.cutShort === 'deadline') return giveUp('stdin was not closed before the deadline');
  if (input.text.trim() === '') return giveUp('empty input');
  let payload: unknown;
  try {
    payload = JSON.parse(input.text);
  } catch {
    return giveUp(await notJsonReason(input.text));
  }
  const problem = notAHookEvent(payload);
  if (problem) return giveUp(`not a hook event: ${problem}`);
  const event = payload as Record<string, unknown>;

  const remaining = deadlineAt - Date.now();
  const result =
    remaining > 0
      ? await forwardHook({
          collector: opts.collector,
          body: input.text,
          agent,
          receivedAtNs: opts.receivedAtNs,
          timeoutMs: Math.min(opts.forwardTimeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS, remaining),
        })
      : ({ kind: 'unavailable', reason: 'deadline' } as const);
  if (result.kind === 'accepted') return 'forwarded';
  if (result.kind === 'rejected') return giveUp(`collector rejected it (${result.status}): ${result.message}`);
  return spool(opts.dataDir, agent, opts.receivedAtNs, event);
};
