import { z } from 'zod';

/** Ids are branded so a session id can never be passed where a span id is expected. */
export const SessionId = z.string().min(1).max(512).brand<'SessionId'>();
export type SessionId = z.infer<typeof SessionId>;

/** 32 lowercase hex characters (16 bytes), as OpenTelemetry trace ids. */
export const TraceId = z.string().regex(/^[0-9a-f]{32}$/, 'trace id must be 32 lowercase hex characters').brand<'TraceId'>();
export type TraceId = z.infer<typeof TraceId>;

/** 16 lowercase hex characters (8 bytes), as OpenTelemetry span ids. */
export const SpanId = z.string().regex(/^[0-9a-f]{16}$/, 'span id must be 16 lowercase hex characters').brand<'SpanId'>();
export type SpanId = z.infer<typeof SpanId>;
