/**
 * Hook payload fields that hold content (prompt text, tool parameters and results, model output, error text,
 * notification text). The mapper stores them only under `content.*` attribute names, which the pipeline's
 * redactor drops at privacy tier 1; the hook command strips them from what it spools, because the spool is
 * written before any redaction can run (DESIGN.md: redaction applies to the spool too).
 *
 * Imports nothing: the `agent-trace hook` fast path loads it.
 */
export const CONTENT_FIELDS: ReadonlySet<string> = new Set([
  'prompt',
  'tool_input',
  'tool_response',
  'tool_calls',
  'error',
  'error_details',
  'message',
  'last_assistant_message',
  'custom_instructions',
  'compact_summary',
  'command_args',
  'session_title',
  'reason',
  'permission_suggestions',
  'task_subject',
  'task_description',
  'delta',
  'title',
  'file_path',
  'old_cwd',
  'new_cwd',
  'directory',
  'worktree_path',
  'agent_transcript_path',
  'pricing',
  'background_tasks',
  'session_crons',
]);

/** Fields that share a content field's name but hold a closed set of values in one event. */
const METADATA_IN_EVENT: Readonly<Record<string, ReadonlySet<string>>> = {
  SessionEnd: new Set(['reason']),
};

export const isContentField = (eventName: string, key: string): boolean =>
  CONTENT_FIELDS.has(key) && !(METADATA_IN_EVENT[eventName]?.has(key) ?? false);

/** Marks a value removed before spooling; the mapper still reports its size. */
export interface StrippedContent {
  agent_trace_stripped: true;
  bytes: number;
}

export const isStrippedContent = (value: unknown): value is StrippedContent =>
  typeof value === 'object' &&
  value !== null &&
  (value as Record<string, unknown>)['agent_trace_stripped'] === true &&
  typeof (value as Record<string, unknown>)['bytes'] === 'number';

/** Serialised size in bytes of a content value (a string's own UTF-8 length, else its JSON). */
export const contentBytes = (value: unknown): number => {
  if (isStrippedContent(value)) return value.bytes;
  if (typeof value === 'string') return Buffer.byteLength(value);
  return Buffer.byteLength(JSON.stringify(value) ?? '');
};

/**
 * A shallow copy of the payload with every content field replaced by a size marker. PostToolBatch's
 * `tool_calls` keep their ids and names (the metadata) with their inputs and responses stripped.
 */
export const stripContent = (payload: Record<string, unknown>): Record<string, unknown> => {
  const eventName = typeof payload['hook_event_name'] === 'string' ? payload['hook_event_name'] : '';
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'tool_calls' && Array.isArray(value)) {
      out[key] = value.map((call: unknown) =>
        typeof call === 'object' && call !== null && !Array.isArray(call) ? stripContent(call as Record<string, unknown>) : call,
      );
    } else if (isContentField(eventName, key) && value !== undefined && value !== null) {
      out[key] = { agent_trace_stripped: true, bytes: contentBytes(value) } satisfies StrippedContent;
    } else {
      out[key] = value;
    }
  }
  return out;
};
