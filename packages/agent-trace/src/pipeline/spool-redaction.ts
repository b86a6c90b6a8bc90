import type { AttrValue } from '@agent-trace/schema';
import { isInertText } from '../privacy/inert-text.js';
import { createSecretKeyMatcher, type SecretKeyMatcher } from '../privacy/secret-keys.js';
import { createTextEngine, type TextEngineOptions } from '../privacy/text-engine.js';
import type { TextRedactor } from '../privacy/text-redactor.js';
import { createValueRedactor, type ValueRedactor } from '../privacy/value-redactor.js';

/**
 * Fields the collector needs exactly as the agent sent them to merge a spooled event with the other layers
 * (the session, the transcript it belongs to, the project root that is hashed into the project id). They are
 * identifiers and paths, not content; the collector's pipeline redacts them like any other event's.
 */
export const CORRELATION_FIELDS: ReadonlySet<string> = new Set([
  'session_id',
  'transcript_path',
  'cwd',
  'hook_event_name',
  'prompt_id',
  'tool_use_id',
  'agent_id',
]);

/**
 * Keys of Claude Code hook payloads (and of the size markers content-fields.ts puts in place of content), none of
 * them a secret key: for these the built-in matcher is not built or run, which costs ~0.2 ms of a hook run
 * (normalising each name, and compiling the matcher's regex on first use). spool-redaction.test.ts checks that
 * the matcher calls every one of them plain; any other key goes to the matcher.
 */
export const PLAIN_HOOK_KEYS: ReadonlySet<string> = new Set([
  'agent_id', 'agent_trace_stripped', 'agent_transcript_path', 'agent_type', 'bytes', 'command_args', 'command_name', 'command_source',
  'compact_summary', 'custom_instructions', 'cwd', 'delta', 'directory', 'duration_ms', 'error', 'error_details', 'file_path',
  'hook_event_name', 'is_interrupt', 'last_assistant_message', 'message', 'model', 'new_cwd', 'notification_type', 'old_cwd',
  'permission_mode', 'permission_suggestions', 'prompt', 'prompt_id', 'reason', 'session_id', 'session_title', 'source',
  'stop_hook_active', 'task_description', 'task_id', 'task_subject', 'teammate_name', 'title', 'tool_calls', 'tool_input',
  'tool_name', 'tool_response', 'tool_use_id', 'transcript_path', 'trigger', 'worktree_path',
]);

/** The built-in secret key matcher, built only for a key outside PLAIN_HOOK_KEYS. */
const hookKeyMatcher = (): SecretKeyMatcher => {
  let matcher: SecretKeyMatcher | null = null;
  return (key) => !PLAIN_HOOK_KEYS.has(key) && (matcher ??= createSecretKeyMatcher())(key);
};

/**
 * The built-in rules with the rule set built on first need: a text isInertText clears never needs it, and the
 * values a stripped hook payload keeps (`default`, `Bash`, `general-purpose`, model names) almost all are. Same
 * results as createRedactor().redactValue (spool-redaction.test.ts): this is the same value walk over a text
 * redactor that answers for inert texts without the rules. Measured in the hook process with the collector
 * down: building and first running the whole rule set took ~4 ms of a ~50 ms run.
 */
const createLazyValueRedactor = (): ValueRedactor => {
  let full: TextRedactor | null = null;
  const engine = (): TextRedactor => (full ??= createTextEngine().text);
  const text: TextRedactor = {
    redact: (value) => (isInertText(value) ? value : engine().redact(value)),
    mayMatch: (value) => engine().mayMatch(value),
  };
  return createValueRedactor(hookKeyMatcher(), text);
};

let shared: ValueRedactor | null = null;

/**
 * A hook payload as the spool may hold it (the spool is written before the collector's pipeline runs): every
 * field but the correlation ones through the secret, PII and path rules. The hook command strips content
 * fields before this (ingest/hooks/content-fields.ts); this catches what metadata carries. Built-in rules
 * unless options are given: the hook process does not load the configuration. Loads no hashing (node:crypto):
 * the hook process runs it.
 */
export const redactSpoolPayload = (payload: Record<string, unknown>, options?: TextEngineOptions): Record<string, unknown> => {
  let redactor: ValueRedactor;
  if (options) {
    const engine = createTextEngine(options);
    redactor = createValueRedactor(engine.isSecretKey, engine.text);
  } else {
    redactor = shared ??= createLazyValueRedactor();
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    out[key] = CORRELATION_FIELDS.has(key) ? value : redactor.redactValue(value as AttrValue, key);
  }
  return out;
};
