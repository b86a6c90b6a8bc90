import { ENV_PREFIX } from './config-keys.js';

/** `AGENT_TRACE_*` variables that are not configuration keys; every other one must name a key. */
export const NON_CONFIG_ENV = ['AGENT_TRACE_HOME', 'AGENT_TRACE_URL', 'AGENT_TRACE_TOKEN'] as const;

/**
 * The `AGENT_TRACE_*` variables meant as configuration overrides, sorted. An empty value counts as unset
 * (as `FOO= cmd` is commonly used to clear a variable). Cheap: no schema is loaded to answer it.
 */
export const configEnvNames = (env: NodeJS.ProcessEnv): string[] =>
  Object.keys(env)
    .filter((name) => name.startsWith(ENV_PREFIX) && !(NON_CONFIG_ENV as readonly string[]).includes(name) && (env[name] ?? '') !== '')
    .sort();
