import { basename } from 'node:path';
import { asSessionId, isoToNano, type Attributes, type SessionId, type SpanId, type TraceId } from '@agent-trace/schema';
import { locateJsonError } from '../../../util/json-syntax-error.js';
import type { SessionUpsert } from '../../../store/types.js';
import type { ParsedRecords, ParserOptions, TranscriptParser, TranscriptProblem } from '../types.js';
import {
  errorSpanIdOf,
  idleSpanIdOf,
  llmSpanIdOf,
  projectHashOf,
  sessionSpanIdOf,
  subagentSpanIdOf,
  toolSpanIdOf,
  traceIdOf,
  turnSpanIdOf,
} from './ids.js';
import {
  decodeState,
  encodeState,
  MAX_INDEXED_MESSAGES,
  MAX_PENDING_TOOLS,
  trimOldest,
  type ParserState,
  type TurnCursor,
} from './parser-state.js';
import { agentIdFromPath, sessionIdFromPath } from './paths.js';
import { classifyUserLine } from './prompt-kind.js';
import {
  isBlock,
  isObject,
  nonEmptyString,
  READ_LINE_TYPES,
  TITLE_RANK,
  type ClaudeLine,
  type ClaudeMessage,
  type JsonObject,
} from './schema.js';
import { SpanSet, transcriptSpan, type LlmCandidate } from './span-set.js';
import { findTopLevelMember } from './top-level-key.js';
import { usageEntryOf } from './usage-entry.js';

const TYPE_KEY = Buffer.from('"type":"');
const TOOL_USE_RESULT_KEY = Buffer.from('"toolUseResult"');
const QUOTE = 0x22;
const MAX_STATUS_MESSAGE = 300;
const SUBAGENT_TOOLS: ReadonlySet<string> = new Set(['Task', 'Agent']);

/** Where a line's spans hang: its session, and the span that is their parent. */
interface LineContext {
  sessionId: string;
  sessionIdBrand: SessionId;
  traceId: TraceId;
  cursor: TurnCursor;
  parent: SpanId;
  /** Set inside a sub-agent (sidechain lines with an agent id, or a sub-agent file). */
  agentId: string | null;
}

/**
 * Claude Code transcript lines → sessions and spans, one file at a time, chunk by chunk.
 * Records are collected per chunk (a drain) and merged by span id; the store merges across chunks.
 */
export class ClaudeCodeParser implements TranscriptParser {
  private readonly file: string;
  private readonly fileName: string;
  private readonly includeContent: boolean;
  private readonly fallbackSessionId: string;
  private readonly fileAgentId: string | null;
  private readonly state: ParserState;
  private readonly out = new SpanSet();
  private readonly sessions = new Map<string, SessionUpsert>();
  /** Ids used on every line, hashed once per session (a SHA-256 per line cost ~5% of parse time). */
  private readonly traceIds = new Map<string, TraceId>();
  private readonly rootIds = new Map<string, SpanId>();
  private readonly subagentIds = new Map<string, SpanId>();
  private lastCwd: string | null = null;
  private lastCwdHash = '';
  /** The current line's `toolUseResult` value, left unparsed (see line()); parsed only for a sub-agent's result. */
  private toolUseResultBytes: { buffer: Buffer; start: number; end: number } | null = null;

  constructor(options: ParserOptions) {
    this.file = options.file;
    this.fileName = basename(options.file);
    this.includeContent = options.includeContent;
    this.fallbackSessionId = sessionIdFromPath(options.file);
    this.fileAgentId = agentIdFromPath(options.file);
    this.state = decodeState(options.state);
  }

  line(buffer: Buffer, start: number, end: number, lineNumber: number): TranscriptProblem | null {
    // Most lines of a long session are `progress`, `file-history-snapshot`, `attachment`… which carry
    // nothing we record, and are skipped on a byte check, without decoding or parsing. The top-level
    // "type" key is the first "type" key of a line when Claude Code writes the envelope before the
    // message, and the last one when it writes it after (both layouts occur); a line is skipped only
    // when neither names a type we read.
    if (isSkippable(buffer, start, end)) return null;
    // A tool result's `toolUseResult` repeats the result (whole files read or edited) and is 41% of the bench
    // corpus's bytes, yet only a sub-agent's result needs it (agentId and totals). It is cut out before
    // decoding and parsing, and parsed from its own bytes when needed: JSON.parse of the member's bytes gives
    // the same value as the member of the whole line (top-level-key.test.ts checks this on every fixture line).
    // Any other line, or one the cut cannot handle (the key twice, spaces before its colon), is parsed whole.
    // Searched within the line only: an unbounded indexOf scanned the rest of the 1 MiB read buffer for every
    // line without the key (326 ms of a 300 MB import).
    const member = buffer.subarray(start, end).indexOf(TOOL_USE_RESULT_KEY) !== -1 ? findTopLevelMember(buffer, start, end, TOOL_USE_RESULT_KEY) : null;
    let raw: string | null = null;
    let value: unknown;
    if (member) {
      const cut = buffer.toString('utf8', start, member.cutStart) + buffer.toString('utf8', member.cutEnd, end);
      try {
        value = JSON.parse(cut);
      } catch {
        value = undefined;
      }
      if (isObject(value) && value['type'] === 'user') {
        raw = cut;
        this.toolUseResultBytes = { buffer, start: member.valueStart, end: member.valueEnd };
      }
    }
    if (raw === null) {
      raw = buffer.toString('utf8', start, end);
      try {
        value = JSON.parse(raw);
      } catch {
        // Our own description: JSON.parse's message quotes the line (a prompt, a secret) and differs between Node versions.
        const at = locateJsonError(raw);
        return this.problem(lineNumber, at ? `not valid JSON: ${at.message} at column ${at.column}` : 'not valid JSON');
      }
    }
    if (!isObject(value) || typeof value['type'] !== 'string') {
      return this.problem(lineNumber, 'not a transcript line: expected a JSON object with a string "type"');
    }
    const line = value as unknown as ClaudeLine;
    switch (line.type) {
      case 'assistant':
        return this.assistant(line, raw, lineNumber);
      case 'user':
        try {
          return this.user(line, lineNumber);
        } finally {
          this.toolUseResultBytes = null;
        }
      case 'summary':
      case 'custom-title':
      case 'ai-title':
        this.title(line);
        return null;
      default:
        return null;
    }
  }

  drain(): ParsedRecords {
    const sessions: SessionUpsert[] = [];
    for (const [id, upsert] of this.sessions) {
      if (upsert.startNs == null) {
        // A title line alone in this chunk: the session's times are known from earlier chunks.
        const cursor = this.state.sessions.get(id);
        if (!cursor || cursor.turnStart === 0n) continue;
        upsert.startNs = cursor.turnStart;
      }
      sessions.push(upsert);
    }
    this.sessions.clear();
    trimOldest(this.state.pending, MAX_PENDING_TOOLS);
    trimOldest(this.state.messages, MAX_INDEXED_MESSAGES);
    return { sessions, spans: this.out.take() };
  }

  saveState(): string {
    return encodeState(this.state);
  }

  private problem(line: number, message: string): TranscriptProblem {
    return { file: this.file, line, message };
  }

  private assistant(line: ClaudeLine, raw: string, lineNumber: number): TranscriptProblem | null {
    const message = line.message;
    if (!isObject(message)) return this.problem(lineNumber, 'assistant line without a "message" object');
    const ts = timeOf(line);
    if (ts === null) return this.problem(lineNumber, 'assistant line without a valid "timestamp"');
    const ctx = this.context(line, ts);
    const msg = message as ClaudeMessage;

    // Lines ccusage would not count (bad version, empty ids, null fields…) still yield their tool
    // calls and errors below; only the model call, which carries the usage, is left out, so token
    // totals match ccusage exactly.
    const entry = usageEntryOf(raw, line, msg);
    if (entry) {
      const model = typeof msg.model === 'string' ? msg.model : null;
      const messageId = nonEmptyString(msg.id);
      const requestId = typeof line.requestId === 'string' ? line.requestId : null;
      const sidechain = line.isSidechain === true;
      const spanId =
        messageId === null
          ? llmSpanIdOf(ctx.sessionId, `line:${this.fileName}:${lineNumber}`, null)
          : this.messageSpan(ctx.sessionId, messageId, requestId, ts, sidechain);
      const attributes: Attributes = { 'llm.is_sidechain': sidechain };
      if (messageId) attributes['llm.message_id'] = messageId;
      if (requestId) attributes['llm.request_id'] = requestId;
      if (typeof msg.stop_reason === 'string') attributes['llm.stop_reason'] = msg.stop_reason;
      if (entry.speed) attributes['llm.speed'] = entry.speed;
      if (ctx.agentId) attributes['subagent.id'] = ctx.agentId;
      const candidate: LlmCandidate = {
        total: entry.total,
        sidechain,
        hasSpeed: entry.speed !== null,
        span: transcriptSpan({
          traceId: ctx.traceId,
          spanId,
          parentSpanId: ctx.parent,
          sessionId: ctx.sessionIdBrand,
          name: `chat ${model ?? 'unknown'}`,
          type: 'llm_call',
          startNs: ts,
          endNs: ts,
          status: 'ok',
          model,
          usage: entry.usage,
          reportedCostUsd: typeof line.costUSD === 'number' && line.costUSD >= 0 ? line.costUSD : null,
          attributes,
        }),
      };
      this.out.putLlm(candidate);
      if (ctx.agentId && model && model !== '<synthetic>') this.out.setModel(ctx.parent, model);
    }

    if (line.isApiErrorMessage === true) this.apiError(ctx, line, msg, ts, lineNumber);

    if (Array.isArray(msg.content)) {
      for (const block of msg.content) {
        if (isBlock(block) && block.type === 'tool_use' && typeof block['id'] === 'string' && block['id'] !== '') {
          this.toolUse(ctx, block, ts);
        }
      }
    }
    return null;
  }

  /**
   * The span of a model call: (session, message.id, requestId), except that a sidechain line
   * replaying a message already seen at the same timestamp under another requestId joins that
   * call (ccusage's /btw rule), so it is never counted twice.
   */
  private messageSpan(sessionId: string, messageId: string, requestId: string | null, ts: bigint, sidechain: boolean): SpanId {
    const key = `${sessionId}\u001f${messageId}`;
    const req = requestId ?? '';
    const ms = Number(ts / 1_000_000n);
    const sightings = this.state.messages.get(key);
    if (sightings) {
      for (const s of sightings) if (s[0] === req) return s[2];
      for (const s of sightings) {
        if (s[1] === ms && (sidechain || s[3])) {
          sightings.push([req, ms, s[2], sidechain]);
          return s[2];
        }
      }
    }
    const spanId = llmSpanIdOf(sessionId, messageId, requestId);
    if (sightings) sightings.push([req, ms, spanId, sidechain]);
    else this.state.messages.set(key, [[req, ms, spanId, sidechain]]);
    return spanId;
  }

  private apiError(ctx: LineContext, line: ClaudeLine, msg: ClaudeMessage, ts: bigint, lineNumber: number): void {
    const key = nonEmptyString(line.uuid) ?? `${this.fileName}:${lineNumber}`;
    const attributes: Attributes = { 'error.kind': 'api' };
    if (typeof line.error === 'string') attributes['error.type'] = line.error;
    this.out.put(transcriptSpan({
      traceId: ctx.traceId,
      spanId: errorSpanIdOf(ctx.sessionId, key),
      parentSpanId: ctx.parent,
      sessionId: ctx.sessionIdBrand,
      name: 'api_error',
      type: 'error',
      startNs: ts,
      endNs: ts,
      status: 'error',
      statusMessage: errorText(msg),
      attributes,
    }));
  }

  private toolUse(ctx: LineContext, block: JsonObject, ts: bigint): void {
    const useId = block['id'] as string;
    const name = nonEmptyString(block['name']) ?? 'unknown';
    const spanId = toolSpanIdOf(ctx.sessionId, useId);
    const input = block['input'];
    const subagentType =
      SUBAGENT_TOOLS.has(name) && isObject(input) && typeof input['subagent_type'] === 'string' ? input['subagent_type'] : null;
    this.state.pending.delete(useId);
    this.state.pending.set(useId, { span: spanId, name, parent: ctx.parent, start: ts, session: ctx.sessionId, subagentType });
    const attributes: Attributes = { 'tool.use_id': useId };
    if (subagentType) attributes['subagent.type'] = subagentType;
    if (this.includeContent && input !== undefined) attributes['content.tool_input'] = JSON.stringify(input);
    this.out.put(transcriptSpan({
      traceId: ctx.traceId,
      spanId,
      parentSpanId: ctx.parent,
      sessionId: ctx.sessionIdBrand,
      name: `execute_tool ${name}`,
      type: 'tool_call',
      startNs: ts,
      endNs: null,
      status: 'unset',
      toolName: name,
      attributes,
    }));
  }

  private user(line: ClaudeLine, lineNumber: number): TranscriptProblem | null {
    const message = line.message;
    if (!isObject(message)) return this.problem(lineNumber, 'user line without a "message" object');
    const ts = timeOf(line);
    if (ts === null) return this.problem(lineNumber, 'user line without a valid "timestamp"');
    const msg = message as ClaudeMessage;
    const kind = classifyUserLine(line, msg);
    const sessionId = this.sessionIdOf(line);
    const inSubagent = this.agentIdOf(line) !== null;
    if (!inSubagent && (kind.kind === 'prompt' || kind.kind === 'slash_command')) {
      const cursor = this.cursorOf(sessionId);
      const promptId = nonEmptyString(line.promptId);
      const key = promptId ?? nonEmptyString(line.uuid) ?? `${this.fileName}:${lineNumber}`;
      const turn = turnSpanIdOf(sessionId, key);
      if (cursor.turn !== null && cursor.turn !== turn && ts > cursor.turnEnd) {
        // The agent waited on the user from the end of the last turn to this prompt: an idle span, so a
        // session shows active and idle time apart.
        this.out.put(transcriptSpan({
          traceId: this.traceIdOf(sessionId),
          spanId: idleSpanIdOf(sessionId, key),
          parentSpanId: this.rootIdOf(sessionId),
          sessionId: asSessionId(sessionId),
          name: 'idle',
          type: 'idle',
          startNs: cursor.turnEnd,
          endNs: ts,
          status: 'unset',
          attributes: { 'idle.reason': 'waiting_for_user' },
        }));
      }
      cursor.turn = turn;
      cursor.turnStart = ts;
      cursor.turnEnd = ts;
      const attributes: Attributes = { 'turn.kind': kind.kind, 'prompt.chars': kind.chars };
      if (kind.kind === 'slash_command') attributes['turn.command'] = kind.command;
      if (promptId) attributes['prompt.id'] = promptId;
      if (this.includeContent) attributes['content.prompt'] = kind.text;
      this.out.put(transcriptSpan({
        traceId: this.traceIdOf(sessionId),
        spanId: cursor.turn,
        parentSpanId: this.rootIdOf(sessionId),
        sessionId: asSessionId(sessionId),
        name: 'turn',
        type: 'turn',
        startNs: ts,
        endNs: ts,
        status: 'ok',
        attributes,
      }));
    }
    const ctx = this.context(line, ts);
    if (kind.kind === 'tool_results' && Array.isArray(msg.content)) {
      const results = msg.content.filter((b): b is JsonObject & { type: string } => isBlock(b) && b.type === 'tool_result');
      for (const block of results) this.toolResult(ctx, line, block, ts, results.length === 1);
    }
    return null;
  }

  private toolResult(ctx: LineContext, line: ClaudeLine, block: JsonObject, ts: bigint, onlyResult: boolean): void {
    const useId = nonEmptyString(block['tool_use_id']);
    if (useId === null) return;
    const pending = this.state.pending.get(useId);
    this.state.pending.delete(useId);
    const spanId = pending?.span ?? toolSpanIdOf(ctx.sessionId, useId);
    const isError = block['is_error'] === true;
    const name = pending?.name ?? null;
    const attributes: Attributes = { 'tool.use_id': useId, 'tool.is_error': isError };
    const content = block['content'];
    const resultText = textOf(content);
    if (resultText !== null) attributes['tool.result_chars'] = resultText.length;
    if (this.includeContent && content !== undefined) attributes['content.tool_result'] = resultText ?? JSON.stringify(content);
    const start = pending?.start ?? ts;
    const parent = pending?.parent ?? ctx.parent;
    this.out.put(transcriptSpan({
      traceId: ctx.traceId,
      spanId,
      parentSpanId: parent,
      sessionId: ctx.sessionIdBrand,
      name: `execute_tool ${name ?? 'unknown'}`,
      type: 'tool_call',
      startNs: start,
      endNs: ts,
      status: isError ? 'error' : 'ok',
      statusMessage: isError ? 'tool error' : null,
      toolName: name,
      attributes,
    }));

    // A Task/Agent result names the sub-agent it ran: link the sub-agent's span under this tool call.
    const isAgentTool = pending ? SUBAGENT_TOOLS.has(pending.name) : onlyResult;
    if (!isAgentTool) return;
    const result = this.toolUseResultOf(line);
    const agentId = isObject(result) ? nonEmptyString(result['agentId']) : null;
    if (agentId === null || !isObject(result)) return;
    const subAttributes: Attributes = { 'subagent.id': agentId };
    if (pending?.subagentType) subAttributes['subagent.type'] = pending.subagentType;
    for (const [from, to] of SUBAGENT_TOTALS) {
      const v = result[from];
      if (typeof v === 'number' && Number.isFinite(v)) subAttributes[to] = v;
    }
    this.out.put(transcriptSpan({
      traceId: ctx.traceId,
      spanId: subagentSpanIdOf(ctx.sessionId, agentId),
      parentSpanId: spanId,
      sessionId: ctx.sessionIdBrand,
      name: 'invoke_agent',
      type: 'subagent',
      startNs: start,
      endNs: ts,
      status: isError ? 'error' : 'ok',
      attributes: subAttributes,
    }));
  }

  /** The line's `toolUseResult`: parsed with the line, or now from the bytes line() cut out. */
  private toolUseResultOf(line: ClaudeLine): unknown {
    const bytes = this.toolUseResultBytes;
    if (bytes === null) return line.toolUseResult;
    this.toolUseResultBytes = null;
    try {
      line.toolUseResult = JSON.parse(bytes.buffer.toString('utf8', bytes.start, bytes.end)) as unknown;
    } catch {
      // Only a line whose one defect lies inside this value gets here; a whole-line parse would have refused
      // the line, this path keeps its other facts.
      line.toolUseResult = undefined;
    }
    return line.toolUseResult;
  }

  private title(line: ClaudeLine): void {
    const rank = TITLE_RANK[line.type as keyof typeof TITLE_RANK];
    const text =
      line.type === 'custom-title' ? nonEmptyString(line.customTitle) : line.type === 'ai-title' ? nonEmptyString(line.aiTitle) : nonEmptyString(line.summary);
    if (text === null) return;
    // A name the user gave is metadata; AI titles and summaries are drawn from the prompts, so they
    // are content and kept only when content is (privacy tier ≥ 2).
    if (line.type !== 'custom-title' && !this.includeContent) return;
    const sessionId = this.sessionIdOf(line);
    const cursor = this.cursorOf(sessionId);
    if (rank < cursor.titleRank) return;
    cursor.titleRank = rank;
    this.upsertOf(sessionId).title = text;
  }

  private sessionIdOf(line: ClaudeLine): string {
    return nonEmptyString(line.sessionId) ?? this.fallbackSessionId;
  }

  private agentIdOf(line: ClaudeLine): string | null {
    if (line.isSidechain === true) return nonEmptyString(line.agentId) ?? this.fileAgentId;
    return this.fileAgentId;
  }

  private traceIdOf(sessionId: string): TraceId {
    let id = this.traceIds.get(sessionId);
    if (id === undefined) {
      id = traceIdOf(sessionId);
      this.traceIds.set(sessionId, id);
    }
    return id;
  }

  private rootIdOf(sessionId: string): SpanId {
    let id = this.rootIds.get(sessionId);
    if (id === undefined) {
      id = sessionSpanIdOf(sessionId);
      this.rootIds.set(sessionId, id);
    }
    return id;
  }

  private subagentIdOf(sessionId: string, agentId: string): SpanId {
    const key = `${sessionId}\u001f${agentId}`;
    let id = this.subagentIds.get(key);
    if (id === undefined) {
      id = subagentSpanIdOf(sessionId, agentId);
      this.subagentIds.set(key, id);
    }
    return id;
  }

  private cursorOf(sessionId: string): TurnCursor {
    let cursor = this.state.sessions.get(sessionId);
    if (!cursor) {
      cursor = { turn: null, turnStart: 0n, turnEnd: 0n, titleRank: 0 };
      this.state.sessions.set(sessionId, cursor);
    }
    return cursor;
  }

  private upsertOf(sessionId: string): SessionUpsert {
    let upsert = this.sessions.get(sessionId);
    if (!upsert) {
      upsert = { id: asSessionId(sessionId), traceId: this.traceIdOf(sessionId), agent: 'claude-code', status: 'completed' };
      this.sessions.set(sessionId, upsert);
    }
    return upsert;
  }

  /** Records the line's session facts and times, extends the open turn or sub-agent, and says where its spans go. */
  private context(line: ClaudeLine, ts: bigint): LineContext {
    const sessionId = this.sessionIdOf(line);
    const traceId = this.traceIdOf(sessionId);
    const upsert = this.upsertOf(sessionId);
    if (upsert.startNs == null || ts < upsert.startNs) upsert.startNs = ts;
    if (upsert.endNs == null || ts > upsert.endNs) upsert.endNs = ts;
    const version = nonEmptyString(line.version);
    if (version) upsert.agentVersion = version;
    const branch = nonEmptyString(line.gitBranch);
    if (branch) upsert.gitBranch = branch;
    const cwd = nonEmptyString(line.cwd);
    if (cwd) {
      if (cwd !== this.lastCwd) {
        this.lastCwd = cwd;
        this.lastCwdHash = projectHashOf(cwd);
      }
      upsert.cwd = cwd;
      upsert.projectName = basename(cwd) || cwd;
      upsert.projectHash = this.lastCwdHash;
    }
    const rootId = this.rootIdOf(sessionId);
    this.out.extend(rootId, ts, () => transcriptSpan({
      traceId,
      spanId: rootId,
      parentSpanId: null,
      sessionId: asSessionId(sessionId),
      name: 'session',
      type: 'session',
      startNs: ts,
      endNs: ts,
      status: 'ok',
      attributes: { 'agent.name': 'claude-code' },
    }));
    const cursor = this.cursorOf(sessionId);
    const agentId = this.agentIdOf(line);
    if (agentId !== null) {
      const subId = this.subagentIdOf(sessionId, agentId);
      this.out.extend(subId, ts, () => transcriptSpan({
        traceId,
        spanId: subId,
        parentSpanId: null,
        sessionId: asSessionId(sessionId),
        name: 'invoke_agent',
        type: 'subagent',
        startNs: ts,
        endNs: ts,
        status: 'unset',
        attributes: { 'subagent.id': agentId },
      }));
      return { sessionId, sessionIdBrand: asSessionId(sessionId), traceId, cursor, parent: subId, agentId };
    }
    if (cursor.turn === null) return { sessionId, sessionIdBrand: asSessionId(sessionId), traceId, cursor, parent: rootId, agentId: null };
    if (ts > cursor.turnEnd) cursor.turnEnd = ts;
    const turnId = cursor.turn;
    const turnStart = cursor.turnStart;
    this.out.extend(turnId, ts, () => transcriptSpan({
      traceId,
      spanId: turnId,
      parentSpanId: rootId,
      sessionId: asSessionId(sessionId),
      name: 'turn',
      type: 'turn',
      startNs: turnStart,
      endNs: ts,
      status: 'ok',
    }));
    return { sessionId, sessionIdBrand: asSessionId(sessionId), traceId, cursor, parent: turnId, agentId: null };
  }
}

const SUBAGENT_TOTALS: ReadonlyArray<[string, string]> = [
  ['totalDurationMs', 'subagent.duration_ms'],
  ['totalTokens', 'subagent.total_tokens'],
  ['totalToolUseCount', 'subagent.tool_uses'],
];

/** True when the first and the last `"type":"…"` of the line both name types we do not read. */
const isSkippable = (buffer: Buffer, start: number, end: number): boolean => {
  const first = buffer.indexOf(TYPE_KEY, start);
  if (first === -1 || first >= end) return false;
  if (READ_LINE_TYPES.has(typeValueAt(buffer, first, end))) return false;
  const last = buffer.lastIndexOf(TYPE_KEY, end - TYPE_KEY.length);
  return last === first || !READ_LINE_TYPES.has(typeValueAt(buffer, last, end));
};

/** The string value after a `"type":"` key found at `at` (empty when it is odd). */
const typeValueAt = (buffer: Buffer, at: number, end: number): string => {
  const valueStart = at + TYPE_KEY.length;
  const valueEnd = buffer.indexOf(QUOTE, valueStart);
  if (valueEnd === -1 || valueEnd >= end || valueEnd - valueStart > 40) return '';
  return buffer.toString('latin1', valueStart, valueEnd);
};

const timeOf = (line: ClaudeLine): bigint | null => (typeof line.timestamp === 'string' ? (isoToNano(line.timestamp) ?? null) : null);

/** Text of a tool result's content (a string, or text blocks), or null when it has none. */
const textOf = (content: unknown): string | null => {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  let text: string | null = null;
  for (const block of content) {
    if (isBlock(block) && block.type === 'text' && typeof block['text'] === 'string') {
      text = text === null ? block['text'] : `${text}\n${block['text']}`;
    }
  }
  return text;
};

const errorText = (msg: ClaudeMessage): string => {
  const text = textOf(msg.content) ?? 'API error';
  return text.length > MAX_STATUS_MESSAGE ? `${text.slice(0, MAX_STATUS_MESSAGE)}…` : text;
};
