/** Lenient readers for hook payload fields: a field of the wrong type counts as absent, never as an error. */
export type HookPayload = Readonly<Record<string, unknown>>;

export const text = (p: HookPayload, key: string): string | null => {
  const v = p[key];
  return typeof v === 'string' && v.length > 0 ? v : null;
};

export const num = (p: HookPayload, key: string): number | null => {
  const v = p[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};

export const bool = (p: HookPayload, key: string): boolean | null => {
  const v = p[key];
  return typeof v === 'boolean' ? v : null;
};

export const record = (p: HookPayload, key: string): HookPayload | null => {
  const v = p[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as HookPayload) : null;
};

export const isRecord = (v: unknown): v is HookPayload => typeof v === 'object' && v !== null && !Array.isArray(v);
