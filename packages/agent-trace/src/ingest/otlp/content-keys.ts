import type { Attributes } from '@agent-trace/schema';
import { CONTENT_PREFIX } from '../../pipeline/redact.js';

/**
 * Attributes that carry content (prompt and response text, tool arguments and results, messages).
 * They are renamed under `content.` so the pipeline's redactor keeps them only at privacy tiers 2 and 3.
 */
const CONTENT_KEYS = new Set([
  // GenAI semantic conventions (current and deprecated)
  'gen_ai.input.messages',
  'gen_ai.output.messages',
  'gen_ai.system_instructions',
  'gen_ai.tool.definitions',
  'gen_ai.tool.call.arguments',
  'gen_ai.tool.call.result',
  'gen_ai.prompt',
  'gen_ai.completion',
  // Claude Code spans and events
  'user_prompt',
  'prompt',
  'response',
  'tool_parameters',
  'tool_input',
  'tool_output',
  'tool_result',
  'llm_request.context',
  'system_prompt',
  // Codex and Gemini CLI events
  'arguments',
  'output',
  'function_args',
  'last_assistant_message',
]);

/** Indexed deprecated forms: gen_ai.prompt.0.content, gen_ai.completion.1.content, … */
const CONTENT_PREFIXES = ['gen_ai.prompt.', 'gen_ai.completion.'];

const isContentKey = (key: string): boolean => CONTENT_KEYS.has(key) || CONTENT_PREFIXES.some((p) => key.startsWith(p));

/** Renames content attributes to `content.<key>`, in place; returns the same object. */
export const markContent = (attrs: Attributes): Attributes => {
  for (const key in attrs) {
    if (isContentKey(key)) {
      attrs[`${CONTENT_PREFIX}${key}`] = attrs[key] ?? null;
      delete attrs[key];
    }
  }
  return attrs;
};
