import { readFileSync } from 'node:fs';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError } from './config-error.js';

/** A config file as read: its plain value, and the line each key sits on (for error messages). */
export interface ConfigFile {
  path: string;
  raw: unknown;
  /** The 1-based line of the deepest existing key along `path`, if any. */
  lineOf: (path: readonly PropertyKey[]) => number | undefined;
}

const firstLine = (message: string): string => message.split('\n')[0] ?? message;

const locator = (doc: Document, lines: LineCounter) => (path: readonly PropertyKey[]): number | undefined => {
  let node: unknown = doc.contents;
  let line: number | undefined;
  const lineAt = (n: unknown): number | undefined => (isNode(n) && n.range ? lines.linePos(n.range[0]).line : undefined);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      line = lineAt(pair.key) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      line = lineAt(node) ?? line;
    } else break;
  }
  return line;
};

/** Parses config YAML; every syntax error is listed (with its line), none is thrown alone. */
export const parseConfigText = (path: string, text: string): ConfigFile => {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => `${path}: not valid YAML: ${firstLine(e.message)}`));
  }
  return { path, raw: doc.toJS() as unknown, lineOf: locator(doc, lines) };
};

export const readConfigFile = (path: string): ConfigFile => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError([`cannot read config file ${path}: ${(err as Error).message}`]);
  }
  return parseConfigText(path, text);
};
