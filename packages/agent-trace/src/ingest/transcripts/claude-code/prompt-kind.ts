import { isBlock, type ClaudeLine, type ClaudeMessage } from './schema.js';

/**
 * What a `user` line is. A turn starts at a real prompt: the human's text (or image), not a
 * tool result, not `isMeta` (expanded commands, caveats, reminders), not a compact summary, not a
 * sidechain (sub-agent prompts and /btw side questions), not an interruption marker.
 *
 * Slash commands: the line Claude Code writes for `/name args` (`<command-name>/name</command-name>…`)
 * starts one turn of kind `slash_command`, whether the command is local (/clear, /model) or expands
 * into a prompt for the model (the expansion follows as an `isMeta` line and belongs to that turn).
 * The output of local commands and of `!` shell commands (`<local-command-stdout>`, `<bash-…>`)
 * is not a turn.
 */
export type UserLineKind =
  | { kind: 'tool_results' }
  | { kind: 'prompt'; text: string; chars: number }
  | { kind: 'slash_command'; command: string; text: string; chars: number }
  | { kind: 'other' };

const NOT_A_PROMPT_PREFIXES = ['<local-command-', '<bash-', '[Request interrupted by user'];
const COMMAND_NAME_OPEN = '<command-name>';
const COMMAND_NAME_CLOSE = '</command-name>';

export const classifyUserLine = (line: ClaudeLine, message: ClaudeMessage): UserLineKind => {
  const content = message.content;
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else if (Array.isArray(content)) {
    let hasToolResult = false;
    let hasPromptBlock = false;
    const parts: string[] = [];
    for (const block of content) {
      if (!isBlock(block)) continue;
      if (block.type === 'tool_result') hasToolResult = true;
      else if (block.type === 'text' && typeof block['text'] === 'string') {
        parts.push(block['text']);
        hasPromptBlock = true;
      } else if (block.type === 'image' || block.type === 'document') hasPromptBlock = true;
    }
    if (hasToolResult) return { kind: 'tool_results' };
    if (!hasPromptBlock) return { kind: 'other' };
    text = parts.join('\n');
  } else {
    return { kind: 'other' };
  }
  if (line.isMeta === true || line.isCompactSummary === true || line.isSidechain === true) return { kind: 'other' };
  const trimmed = text.trimStart();
  for (const prefix of NOT_A_PROMPT_PREFIXES) if (trimmed.startsWith(prefix)) return { kind: 'other' };
  const open = trimmed.indexOf(COMMAND_NAME_OPEN);
  if (trimmed.startsWith('<command-') && open !== -1) {
    const close = trimmed.indexOf(COMMAND_NAME_CLOSE, open);
    const command = close === -1 ? '' : trimmed.slice(open + COMMAND_NAME_OPEN.length, close).trim();
    return { kind: 'slash_command', command, text, chars: text.length };
  }
  return { kind: 'prompt', text, chars: text.length };
};
