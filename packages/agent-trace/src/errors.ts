/**
 * A few typed errors that map to CLI exit codes (and, later, HTTP statuses).
 * Exit codes are a public contract, documented in the README.
 */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  notFound: 3,
  noInput: 4,
  partial: 5,
  store: 6,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type ErrorKind = Exclude<keyof typeof EXIT, 'ok'>;

export class AgentTraceError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AgentTraceError';
    this.kind = kind;
  }
  get exitCode(): ExitCode {
    return EXIT[this.kind];
  }
}

export const usageError = (message: string): AgentTraceError => new AgentTraceError('usage', message);
export const notFound = (message: string): AgentTraceError => new AgentTraceError('notFound', message);
