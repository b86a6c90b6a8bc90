import { AGENTS, type Agent } from '@agent-trace/schema';
import { usageError } from '../errors.js';
import { parseTimeRange } from '../query/time-range.js';
import type { SessionQuery } from '../store/types.js';
import { assertTimeZone, systemTimeZone } from '../util/timezone.js';
import type { ParsedValues } from './command.js';

export const str = (values: ParsedValues, key: string): string | undefined => {
  const v = values[key];
  return typeof v === 'string' ? v : undefined;
};

export const flag = (values: ParsedValues, key: string): boolean => values[key] === true;

export const oneOf = <T extends string>(values: ParsedValues, key: string, allowed: readonly T[], fallback: T): T => {
  const v = str(values, key);
  if (v === undefined) return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw usageError(`--${key} must be one of ${allowed.join(', ')}; got '${v}'`);
};

export const positiveInt = (values: ParsedValues, key: string): number | undefined => {
  const v = str(values, key);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw usageError(`--${key} must be a positive whole number; got '${v}'`);
  return Number(v);
};

export const agentArg = (values: ParsedValues): Agent | undefined => {
  const v = str(values, 'agent');
  if (v === undefined) return undefined;
  if ((AGENTS as readonly string[]).includes(v)) return v as Agent;
  throw usageError(`--agent must be one of ${AGENTS.join(', ')}; got '${v}'`);
};

export const timezoneArg = (values: ParsedValues, env: NodeJS.ProcessEnv): string => {
  const v = str(values, 'timezone');
  if (v !== undefined) return assertTimeZone(v);
  return env['TZ'] ? assertTimeZone(env['TZ']) : systemTimeZone();
};

export const TIME_OPTIONS = {
  since: { type: 'string', short: 's' },
  until: { type: 'string', short: 'u' },
  timezone: { type: 'string', short: 'z' },
} as const;

export const TIME_HELP = `  -s, --since WHEN     from this local date (YYYYMMDD or YYYY-MM-DD) or this long ago (30m, 24h, 7d, 2w)
  -u, --until WHEN     up to and including this local date, or up to this long ago
  -z, --timezone TZ    IANA zone for dates and grouping (default: $TZ, else the system zone)`;

export const nonNegativeInt = (values: ParsedValues, key: string): number | undefined => {
  const v = str(values, key);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw usageError(`--${key} must be a whole number; got '${v}'`);
  return Number(v);
};

/** The session filters `sessions` and `export` share: --since/--until in --timezone, --project, --model, --agent. */
export const sessionFilterArgs = (values: ParsedValues, env: NodeJS.ProcessEnv, now: Date): SessionQuery => {
  const range = parseTimeRange(str(values, 'since'), str(values, 'until'), timezoneArg(values, env), now);
  const agent = agentArg(values);
  return {
    ...range,
    ...(str(values, 'project') ? { project: str(values, 'project')! } : {}),
    ...(str(values, 'model') ? { model: str(values, 'model')! } : {}),
    ...(agent ? { agent } : {}),
  };
};
