import type { PrivacyTier } from '@agent-trace/schema';

/** Content (prompt text, tool parameters, results, file content) only ever travels in attributes under this prefix. */
export const CONTENT_PREFIX = 'content.';

/**
 * The content tier 2 keeps: what the user asked and what the agent passed to its tools. Everything else under
 * `content.` (results, model output, messages, file content, error text, and any name this list does not know)
 * needs tier 3, so a new source's content is never kept at tier 2 by accident.
 */
const PROMPT_AND_PARAMETER_KEYS: ReadonlySet<string> = new Set([
  'content.prompt',
  'content.user_prompt',
  'content.gen_ai.prompt',
  'content.gen_ai.input.messages',
  'content.custom_instructions',
  'content.session_title',
  'content.tool_input',
  'content.tool_parameters',
  'content.gen_ai.tool.call.arguments',
  'content.arguments',
  'content.function_args',
]);

/** Indexed prompt parts of the deprecated GenAI conventions: `content.gen_ai.prompt.0.content`. */
const PROMPT_PREFIX = 'content.gen_ai.prompt.';

/** Keys whose value is a tool's parameters (often JSON text): where edits and sensitive paths are looked for. */
export const TOOL_PARAMETER_KEYS: ReadonlySet<string> = new Set([
  'content.tool_input',
  'content.tool_parameters',
  'content.gen_ai.tool.call.arguments',
  'content.arguments',
  'content.function_args',
]);

export const isContentKey = (key: string): boolean => key.startsWith(CONTENT_PREFIX);

/** The lowest tier that stores this `content.*` attribute. */
export const contentTierOf = (key: string): PrivacyTier =>
  PROMPT_AND_PARAMETER_KEYS.has(key) || key.startsWith(PROMPT_PREFIX) ? 2 : 3;

export const keepsContent = (tier: PrivacyTier, key: string): boolean => tier >= contentTierOf(key);
