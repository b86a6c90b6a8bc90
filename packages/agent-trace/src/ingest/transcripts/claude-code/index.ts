import type { TranscriptAdapter } from '../types.js';
import { ClaudeCodeParser } from './parser.js';
import { discoverClaudeFiles } from './paths.js';

/** Claude Code: `projects/**\/*.jsonl` under the config roots, one session per file (sub-agents beside it). */
export const claudeCodeAdapter: TranscriptAdapter = {
  agent: 'claude-code',
  discover: discoverClaudeFiles,
  createParser: (options) => new ClaudeCodeParser(options),
};
