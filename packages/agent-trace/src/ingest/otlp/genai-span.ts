import type { Span } from '@agent-trace/schema';
import { genAiUsage } from './usage.js';
import { asString } from './values.js';

const INFERENCE_OPERATIONS = new Set(['chat', 'generate_content', 'text_completion']);

/**
 * Refines a span that follows the GenAI semantic conventions (agent-formats.md §7), in place:
 * inference → llm_call (model, usage), execute_tool → tool_call, invoke_agent → subagent.
 * Other spans are left as they are.
 */
export const applyGenAi = (span: Span): void => {
  const attrs = span.attributes;
  const operation = asString(attrs['gen_ai.operation.name']);
  if (operation === null) return;
  if (INFERENCE_OPERATIONS.has(operation)) {
    span.type = 'llm_call';
    span.model = asString(attrs['gen_ai.response.model']) ?? asString(attrs['gen_ai.request.model']);
    span.usage = genAiUsage(attrs);
  } else if (operation === 'execute_tool') {
    span.type = 'tool_call';
    span.toolName = asString(attrs['gen_ai.tool.name']);
  } else if (operation === 'invoke_agent') {
    span.type = 'subagent';
    span.model = asString(attrs['gen_ai.request.model']);
  }
};
