import type { FlagValue } from './resolve-config.js';

/**
 * The config keys a command's options set (a command declares `configFlags: { port: 'server.port' }`), as
 * given on this command line. Options left out are not overrides.
 */
export const flagOverrides = (configFlags: Readonly<Record<string, string>> | undefined, values: Readonly<Record<string, unknown>>): FlagValue[] =>
  Object.entries(configFlags ?? {}).flatMap(([option, key]) => {
    const value = values[option];
    if (typeof value === 'string') return [{ flag: `--${option}`, key, text: value }];
    if (typeof value === 'boolean') return [{ flag: `--${option}`, key, text: String(value) }];
    return [];
  });
