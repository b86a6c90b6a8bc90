import { LOG_LEVELS, type LogLevel } from '@agent-trace/schema';
import type { AttrValue } from '@agent-trace/schema';
import { createRedactor, type Redactor } from '../privacy/index.js';
import type { RotatingFile } from './rotating-file.js';

export type LogFields = Record<string, unknown>;

/** The collector's own structured log. Passed in to whatever needs it; there is no global logger. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The same sink, with `component` set on every line. */
  child(component: string): Logger;
}

const rank = (level: LogLevel): number => LOG_LEVELS.indexOf(level);

const errorFields = (fields: LogFields | undefined): LogFields | undefined => {
  if (!fields) return fields;
  let out: LogFields | undefined;
  for (const key in fields) {
    const v = fields[key];
    if (v instanceof Error) {
      out ??= { ...fields };
      out[key] = { name: v.name, message: v.message };
    }
  }
  return out ?? fields;
};

const jsonSafe = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/**
 * Writes one JSON object per line: time (ISO), level, component, msg, then the fields. The message and every
 * field pass the privacy rules first (an error message can quote a request that held a key); pass the
 * configured redactor, else the built-in rules apply.
 */
export const createLogger = (
  sink: RotatingFile,
  minLevel: LogLevel = 'info',
  component = 'serve',
  redactor: Redactor = createRedactor(),
): Logger => {
  const min = rank(minLevel);
  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (rank(level) < min) return;
    const plain = fields === undefined ? undefined : (JSON.parse(JSON.stringify(errorFields(fields), jsonSafe)) as AttrValue);
    const redacted = plain === undefined ? {} : (redactor.redactValue(plain) as Record<string, unknown>);
    const line = JSON.stringify({ time: new Date().toISOString(), level, component, msg: redactor.redactString(message), ...redacted });
    sink.write(`${line}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (name) => createLogger(sink, minLevel, name, redactor),
  };
};
