import { z } from 'zod';

/** OpenTelemetry attribute values: primitives, homogeneous arrays, and (for log bodies and kvlists) nested maps. */
export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };

export const AttrValue: z.ZodType<AttrValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(AttrValue), z.record(z.string(), AttrValue)]),
);

export const Attributes = z.record(z.string(), AttrValue);
export type Attributes = z.infer<typeof Attributes>;
