import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Span } from '@agent-trace/schema';
import { totalTokens } from '@agent-trace/schema';
import type { SessionUpsert } from '../../../../store/types.js';
import type { TranscriptProblem } from '../../types.js';
import { ClaudeCodeParser } from '../parser.js';

export const FIXTURES = fileURLToPath(new URL('../../../../../../../fixtures/claude-code/edge-cases', import.meta.url));
export const SHOP = join(FIXTURES, 'projects', '-home-ana-shop');
export const BLOG = join(FIXTURES, 'projects', '-home-ana-blog');
export const SESSION_A = '9b2c4e7a-1f3d-4c55-9a0e-2d6f8b1c3e47';
export const SESSION_B = 'c3f0a9d2-7b1e-4f60-8d2a-5e9c0b7a1f33';
export const SESSION_C = 'e7a15c20-3d4b-4a8e-9f10-6b2d8c4e0a59';
export const AGENT_B = 'a1b2c3d4e5f60718';
export const FILE_A = join(SHOP, `${SESSION_A}.jsonl`);
export const FILE_B = join(SHOP, `${SESSION_B}.jsonl`);
export const FILE_B_AGENT = join(SHOP, SESSION_B, 'subagents', `agent-${AGENT_B}.jsonl`);
export const FILE_C = join(BLOG, `${SESSION_C}.jsonl`);

export interface ParseResult {
  sessions: SessionUpsert[];
  spans: Span[];
  problems: TranscriptProblem[];
  state: string;
}

/** Complete lines of a file (a cut last line left out, as the reader does). */
export const completeLines = (file: string): string[] => {
  const text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n');
  return end === -1 ? [] : text.slice(0, end).split('\n');
};

/** Runs the parser over lines (1-based numbers from `firstLine`), as one chunk. */
export const parseLines = (
  file: string,
  lines: readonly string[],
  options: { includeContent?: boolean; state?: string | null; firstLine?: number } = {},
): ParseResult => {
  const parser = new ClaudeCodeParser({ file, state: options.state ?? null, includeContent: options.includeContent ?? false });
  const problems: TranscriptProblem[] = [];
  lines.forEach((text, i) => {
    const buffer = Buffer.from(text);
    const problem = parser.line(buffer, 0, buffer.length, (options.firstLine ?? 1) + i);
    if (problem) problems.push(problem);
  });
  const { sessions, spans } = parser.drain();
  return { sessions, spans, problems, state: parser.saveState() };
};

export const parseFile = (file: string, includeContent = false): ParseResult =>
  parseLines(file, completeLines(file), { includeContent });

/** Merges spans by id the way the store does (model calls: larger total wins; others widen and fill). */
export const mergeLikeStore = (spans: readonly Span[]): Map<string, Span> => {
  const out = new Map<string, Span>();
  const rank = { unset: 0, ok: 1, error: 2 } as const;
  for (const span of spans) {
    const prev = out.get(span.spanId);
    if (!prev) {
      out.set(span.spanId, structuredClone(span));
      continue;
    }
    if (span.type === 'llm_call') {
      if (totalTokens(span.usage!) > totalTokens(prev.usage!)) out.set(span.spanId, structuredClone(span));
      continue;
    }
    prev.startNs = span.startNs < prev.startNs ? span.startNs : prev.startNs;
    if (span.endNs !== null && (prev.endNs === null || span.endNs > prev.endNs)) prev.endNs = span.endNs;
    if (rank[span.status] > rank[prev.status]) prev.status = span.status;
    prev.parentSpanId ??= span.parentSpanId;
    prev.toolName ??= span.toolName;
    prev.model ??= span.model;
    Object.assign(prev.attributes, span.attributes);
  }
  return out;
};

export const byType = (spans: Iterable<Span>, type: Span['type']): Span[] => [...spans].filter((s) => s.type === type);
