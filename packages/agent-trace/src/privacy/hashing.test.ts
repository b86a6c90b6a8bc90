import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AgentTraceError } from '../errors.js';
import { hashContent } from './hashing.js';
import { createRedactor } from './redactor.js';
import { loadOrCreateSalt } from './salt.js';

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'agent-trace-'));
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('hashContent', () => {
  it('is sha256:<hex> of the text', () => {
    assert.equal(hashContent(''), 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.match(hashContent('old string'), /^sha256:[0-9a-f]{64}$/);
    assert.notEqual(hashContent('a'), hashContent('b'));
    assert.equal(hashContent('x'), createRedactor().hashContent('x'));
  });
});

describe('hashIdentifier', () => {
  it('hashes salt + value', () => {
    const salt = Buffer.alloc(32, 7);
    const expected = createHash('sha256').update(Buffer.concat([salt, Buffer.from('ana')])).digest('hex');
    assert.equal(createRedactor({ salt }).hashIdentifier('ana'), expected);
  });

  it('differs between salts and is stable for one', () => {
    const a = createRedactor({ salt: 'one' });
    const b = createRedactor({ salt: 'two' });
    assert.equal(a.hashIdentifier('ana'), a.hashIdentifier('ana'));
    assert.notEqual(a.hashIdentifier('ana'), b.hashIdentifier('ana'));
  });

  it('refuses to hash without a salt', () => {
    assert.throws(() => createRedactor().hashIdentifier('ana'), AgentTraceError);
  });

  it('keeps the project name only when asked', () => {
    const kept = createRedactor({ salt: 's', keepProjectNames: true }).projectIdentity('/home/ana/shop/');
    const hidden = createRedactor({ salt: 's' }).projectIdentity('/home/ana/shop/');
    assert.equal(kept.name, 'shop');
    assert.equal(hidden.name, null);
    assert.equal(kept.hash, hidden.hash);
    assert.equal(createRedactor({ salt: 's', keepProjectNames: true }).projectIdentity('C:\\code\\shop').name, 'shop');
  });
});

describe('loadOrCreateSalt', () => {
  it('creates 32 random bytes once, mode 0600, and reads them back', () => {
    const dir = tempDir();
    const first = loadOrCreateSalt(dir);
    assert.equal(first.length, 32);
    assert.equal(statSync(join(dir, 'salt')).mode & 0o777, 0o600);
    assert.deepEqual(loadOrCreateSalt(dir), first);
    assert.notDeepEqual(loadOrCreateSalt(tempDir()), first);
  });

  it('creates the data dir when missing', () => {
    const dir = join(tempDir(), 'nested', 'data');
    assert.equal(loadOrCreateSalt(dir).length, 32);
    assert.match(readFileSync(join(dir, 'salt'), 'utf8'), /^[0-9a-f]{64}\n$/);
  });

  it('names the file when it is damaged', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'salt'), 'not hex');
    assert.throws(() => loadOrCreateSalt(dir), (err: unknown) => err instanceof AgentTraceError && err.message.includes(join(dir, 'salt')));
  });
});
