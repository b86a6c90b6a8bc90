import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { packageRoot } from '../test-support/paths.js';

/** Every module a file loads at run time (type-only imports are erased), followed through relative imports. */
const runtimeImports = (entry: string, followLazy = true): { files: string[]; external: string[] } => {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    const specifiers = [
      ...[...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+'([^']+)'/gm)].map((m) => m[1]!),
      ...[...source.matchAll(/^\s*import\s+'([^']+)'/gm)].map((m) => m[1]!),
      ...(followLazy ? [...source.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!) : []),
    ];
    for (const spec of specifiers) {
      if (spec.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.ts')));
      else external.add(spec);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => relative(packageRoot, f)).sort(), external: [...external].sort() };
};

describe('agent-trace hook fast path', () => {
  it('loads only node built-ins and the hook client (no SQLite, no zod, no schema, no other commands)', () => {
    const { files, external } = runtimeImports(join(packageRoot, 'src', 'cli', 'hook-main.ts'));
    assert.deepEqual(
      external.filter((spec) => !spec.startsWith('node:')),
      [],
      `non-built-in imports: ${external.join(', ')}`,
    );
    assert.ok(!files.some((f) => f.includes('/commands/') || f.includes('/store/') || f.includes('schema')), files.join(', '));
  });

  it('loads at start only the read-and-forward path; the spool, its redaction and the dead-letter file load when used', () => {
    const { files } = runtimeImports(join(packageRoot, 'src', 'cli', 'hook-main.ts'), false);
    assert.ok(files.length >= 6 && files.length <= 10, `the hook loads ${files.length} modules at start: ${files.join(', ')}`);
    assert.ok(!files.some((f) => f.includes('/spool/') || f.includes('/privacy/') || f.includes('/pipeline/')), files.join(', '));
  });
});

describe('parseHookArgs', () => {
  it('reads the three options as parseArgs from node:util does (strict: false, positionals allowed)', async () => {
    const { parseArgs } = await import('node:util');
    const { parseHookArgs } = await import('./hook-main.js');
    const pieces = [
      '--url', '--url=http://a', '--url=', '--agent', 'codex', '--agent=x=y', '--data-dir', '--data-dir=/d', '/tmp/x', '--',
      '-x', '-abc', '-', '--=url', '--=', '---url', '--foo', '--foo=bar', '--__proto__', '--__proto__=1', '--constructor', '--toString=a',
      '--URL', 'pos', '',
    ];
    let state = 7;
    const next = (): number => (state = (state * 1103515245 + 12345) >>> 0) >>> 8;
    const lists: string[][] = [[], ...pieces.map((p) => [p])];
    for (let i = 0; i < 4000; i++) lists.push(Array.from({ length: 1 + (next() % 6) }, () => pieces[next() % pieces.length] as string));
    for (const args of lists) {
      const { values } = parseArgs({
        args,
        options: { 'data-dir': { type: 'string' }, url: { type: 'string' }, agent: { type: 'string' } },
        strict: false,
        allowPositionals: true,
      });
      const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
      const parsed = parseHookArgs(args);
      assert.deepEqual(
        [parsed.dataDir, parsed.url, parsed.agent],
        [str(values['data-dir']), str(values['url']), str(values['agent'])],
        JSON.stringify(args),
      );
    }
  });
});
