import type { LogLevel } from '@agent-trace/schema';
import type { WriteBatch } from '../../store/types.js';
import type { HookContext } from './hook-context.js';
import { remainingFields } from './span-factory.js';

const LEVELS: Readonly<Record<string, LogLevel>> = {
  StopFailure: 'error',
  PostToolUseFailure: 'error',
  PermissionDenied: 'warn',
};

/**
 * Every event without a span of its own (and every event name this version does not know) becomes a log
 * record of its session, under the span it belongs to, with its fields: metadata as `hook.*`, content as
 * `content.*`.
 */
export const mapGenericEvent = (ctx: HookContext): WriteBatch => ({
  logs: [
    {
      id: ctx.eventId,
      timeNs: ctx.timeNs,
      level: LEVELS[ctx.eventName] ?? 'info',
      component: 'claude-code.hook',
      eventName: ctx.eventName,
      sessionId: ctx.sessionId,
      traceId: ctx.traceId,
      spanId: ctx.parentSpanId,
      body: ctx.eventName,
      fields: { ...ctx.common, ...remainingFields(ctx) },
    },
  ],
});
