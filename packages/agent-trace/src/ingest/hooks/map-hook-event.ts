import type { WriteBatch } from '../../store/types.js';
import type { ClaudeHookEvent } from './event-names.js';
import { hookContext, type HookContext, type HookContextOptions } from './hook-context.js';
import { mapCompact } from './map-compact-events.js';
import { mapPermissionDenied, mapPermissionRequest } from './map-decision-events.js';
import { mapGenericEvent } from './map-generic-event.js';
import { mapNotification } from './map-notification.js';
import { mapSessionEnd, mapSessionStart, touchSession } from './map-session-events.js';
import { mapSubagentStart, mapSubagentStop } from './map-subagent-events.js';
import { mapPostToolBatch, mapPostToolUse, mapPostToolUseFailure, mapPreToolUse } from './map-tool-events.js';
import { mapStop, mapUserPromptSubmit } from './map-turn-events.js';

type EventMapper = (ctx: HookContext) => WriteBatch;

/** One entry per known event (the Record type makes a missing one a compile error). */
const MAPPERS: Readonly<Record<ClaudeHookEvent, EventMapper>> = {
  PreToolUse: mapPreToolUse,
  PostToolUse: mapPostToolUse,
  PostToolUseFailure: mapPostToolUseFailure,
  PostToolBatch: mapPostToolBatch,
  Notification: mapNotification,
  UserPromptSubmit: mapUserPromptSubmit,
  UserPromptExpansion: mapGenericEvent,
  SessionStart: mapSessionStart,
  SessionEnd: mapSessionEnd,
  Stop: mapStop,
  StopFailure: mapStop,
  SubagentStart: mapSubagentStart,
  SubagentStop: mapSubagentStop,
  PreCompact: mapCompact,
  PostCompact: mapCompact,
  PreModelSwitch: mapGenericEvent,
  PostModelSwitch: mapGenericEvent,
  PermissionRequest: mapPermissionRequest,
  PermissionDenied: mapPermissionDenied,
  Setup: mapGenericEvent,
  TeammateIdle: mapGenericEvent,
  TaskCreated: mapGenericEvent,
  TaskCompleted: mapGenericEvent,
  Elicitation: mapGenericEvent,
  ElicitationResult: mapGenericEvent,
  ConfigChange: mapGenericEvent,
  WorktreeCreate: mapGenericEvent,
  WorktreeRemove: mapGenericEvent,
  InstructionsLoaded: mapGenericEvent,
  CwdChanged: mapGenericEvent,
  FileChanged: mapGenericEvent,
  DirectoryAdded: mapGenericEvent,
  MessageDisplay: mapGenericEvent,
};

const mapperOf = (eventName: string): EventMapper =>
  Object.prototype.hasOwnProperty.call(MAPPERS, eventName) ? MAPPERS[eventName as ClaudeHookEvent] : mapGenericEvent;

/**
 * Maps one Claude Code hook payload (the JSON the agent writes to the hook's stdin) to a write batch.
 * Hooks carry no time: `receivedAtNs` is when the hook command read it. Ids are deterministic (hook-context.ts),
 * so a retried or re-drained event is stored once, and they are the correlation ids transcripts and OTLP use,
 * so the layers merge. Content only ever appears under `content.*` attributes.
 *
 * Throws HookPayloadError for a payload that is not a hook event object (not an object, no session_id,
 * no hook_event_name). Unknown event names are accepted and kept as log records.
 */
export const mapHookEvent = (payload: unknown, opts: HookContextOptions): WriteBatch => {
  const ctx = hookContext(payload, opts);
  const batch = mapperOf(ctx.eventName)(ctx);
  return batch.sessions ? batch : { ...batch, sessions: [touchSession(ctx)] };
};
