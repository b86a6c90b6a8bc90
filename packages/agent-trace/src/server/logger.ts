import { LOG_LEVELS, type LogLevel } from '@agent-trace/schema';
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

/** Writes one JSON object per line: time (ISO), level, component, msg, then the fields. */
export const createLogger = (sink: RotatingFile, minLevel: LogLevel = 'info', component = 'serve'): Logger => {
  const min = rank(minLevel);
  const write = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (rank(level) < min) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, component, msg: message, ...errorFields(fields) }, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    sink.write(`${line}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (name) => createLogger(sink, minLevel, name),
  };
};
