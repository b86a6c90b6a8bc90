/** Where one configuration value came from: precedence is flag > env > file > default. */
export type ValueSource =
  | { kind: 'default' }
  | { kind: 'file'; name: string }
  | { kind: 'env'; name: string }
  | { kind: 'flag'; name: string };

export const describeSource = (source: ValueSource): string => (source.kind === 'default' ? 'default' : `${source.kind} ${source.name}`);
