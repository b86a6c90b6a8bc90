import type { AttrValue } from '@agent-trace/schema';
import { createRedactor, type Redactor, type RedactorOptions } from '../privacy/index.js';

/**
 * Fields the collector needs exactly as the agent sent them to merge a spooled event with the other layers
 * (the session, the transcript it belongs to, the project root that is hashed into the project id). They are
 * identifiers and paths, not content; the collector's pipeline redacts them like any other event's.
 */
const CORRELATION_FIELDS: ReadonlySet<string> = new Set([
  'session_id',
  'transcript_path',
  'cwd',
  'hook_event_name',
  'prompt_id',
  'tool_use_id',
  'agent_id',
]);

let shared: Redactor | null = null;

/**
 * A hook payload as the spool may hold it (the spool is written before the collector's pipeline runs): every
 * field but the correlation ones through the secret, PII and path rules. The hook command strips content
 * fields before this (ingest/hooks/content-fields.ts); this catches what metadata carries. Built-in rules
 * unless options are given: the hook process does not load the configuration.
 */
export const redactSpoolPayload = (payload: Record<string, unknown>, options?: RedactorOptions): Record<string, unknown> => {
  const redactor = options ? createRedactor(options) : (shared ??= createRedactor());
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    out[key] = CORRELATION_FIELDS.has(key) ? value : redactor.redactValue(value as AttrValue, key);
  }
  return out;
};
