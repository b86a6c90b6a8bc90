import { AgentTraceError } from '../errors.js';

/**
 * An invalid configuration: every problem found, each naming the key, where its value came from and what is
 * allowed. A usage error (exit 2); `config validate` lists `problems` one per line.
 */
export class ConfigError extends AgentTraceError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[], headline = 'invalid configuration') {
    super('usage', `${headline}:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
