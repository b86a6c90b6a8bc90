import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { Span, Usage } from './validators/index.js';
import { ZERO_USAGE, asSessionId, deriveSpanId, deriveTraceId, msToNano } from './index.js';

/** A resolve hook that fails any import of zod, so the child fails if the module below pulls it in. */
const NO_ZOD_HOOK = `data:text/javascript,${encodeURIComponent(
  `export async function resolve(specifier, context, next) {
    if (specifier === 'zod' || specifier.startsWith('zod/')) throw new Error('zod imported by ' + context.parentURL);
    return next(specifier, context);
  }`,
)}`;

const importsWithoutZod = (moduleUrl: string): { status: number | null; stderr: string } => {
  const script = `import { register } from 'node:module';
register(${JSON.stringify(NO_ZOD_HOOK)});
await import(${JSON.stringify(moduleUrl)});`;
  const child = spawnSync(process.execPath, [...process.execArgv, '--input-type=module', '-e', script], { encoding: 'utf8' });
  return { status: child.status, stderr: child.stderr };
};

describe('the main entry', () => {
  it('loads no zod at run time', () => {
    const { status, stderr } = importsWithoutZod(new URL('./index.js', import.meta.url).href);
    assert.equal(status, 0, stderr);
  });

  it('is not the validators: the check above fails for a module that imports zod', () => {
    const { status, stderr } = importsWithoutZod(new URL('./validators/index.js', import.meta.url).href);
    assert.notEqual(status, 0);
    assert.match(stderr, /zod imported by/);
  });

  it('gives values the validators accept', () => {
    const traceId = deriveTraceId('s1');
    const span = {
      traceId,
      spanId: deriveSpanId('s1', 'root'),
      parentSpanId: null,
      sessionId: asSessionId('s1'),
      name: 'session',
      type: 'session',
      startNs: msToNano(1_700_000_000_000.5),
      endNs: null,
      status: 'ok',
      statusMessage: null,
      source: 'transcript',
      model: null,
      toolName: null,
      usage: ZERO_USAGE,
      costUsd: null,
      reportedCostUsd: null,
      attributes: {},
      events: [],
    };
    assert.deepEqual(Span.parse(span), span);
    assert.deepEqual(Usage.parse(ZERO_USAGE), ZERO_USAGE);
  });
});

describe('derived ids', () => {
  it('are the first hex digits of SHA-256 over the parts joined by U+001F', async () => {
    const { createHash } = await import('node:crypto');
    const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
    for (const parts of [['s1'], ['s1', 'root'], ['3bebd952-711c', 'tool', 'toolu_01'], ['déjà', '→ ✓', '🎉'], ['']]) {
      assert.equal(deriveSpanId(...parts), sha(parts.join('\u001f')).slice(0, 16), parts.join('|'));
      assert.equal(deriveTraceId(...parts), sha(parts.join('\u001f')).slice(0, 32), parts.join('|'));
    }
  });
});
