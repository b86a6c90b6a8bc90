import { z } from 'zod';

/** Nanoseconds since the Unix epoch, as OpenTelemetry records them. A bigint: a JS number cannot hold them exactly. */
export const UnixNano = z.bigint().nonnegative();
export type UnixNano = z.infer<typeof UnixNano>;
