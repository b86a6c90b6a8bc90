import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AgentTraceError } from '../errors.js';
import { createRedactor } from './redactor.js';

describe('configured extra patterns', () => {
  const redactor = createRedactor({
    patterns: [
      { name: 'employee id', regex: 'EMP-\\d{6}', replacement: '[EMPLOYEE]' },
      { name: 'internal host', regex: '([a-z]+)\\.corp\\.internal', replacement: '$1.[HOST]', flags: 'i' },
      { name: 'ticket', regex: 'TICKET-\\d+' },
    ],
  });

  it('replaces matches with the configured replacement', () => {
    assert.equal(redactor.redactString('ask EMP-123456 on db.CORP.internal'), 'ask [EMPLOYEE] on db.[HOST]');
    assert.equal(redactor.redactString('see TICKET-42'), 'see [REDACTED]');
  });

  it('applies inside values, and leaves other text alone', () => {
    assert.deepEqual(redactor.redactValue({ note: ['EMP-000001'] }), { note: ['[EMPLOYEE]'] });
    assert.equal(redactor.redactString('EMP-12 is too short'), 'EMP-12 is too short');
  });

  it('rejects a bad regex with a message naming the entry', () => {
    assert.throws(
      () => createRedactor({ patterns: [{ name: 'broken', regex: '(unclosed' }] }),
      (err: unknown) => err instanceof AgentTraceError && /privacy\.patterns\[0\] \(broken\)/.test(err.message),
    );
    assert.throws(() => createRedactor({ patterns: [{ name: 'empty', regex: 'x*' }] }), /matches the empty string/);
  });

  it('adds extra secret key names', () => {
    const withKeys = createRedactor({ secretKeyNames: ['session_id'] });
    assert.deepEqual(withKeys.redactValue({ session_id: 'abc', sessionIds: 'x' }), { session_id: '[REDACTED]', sessionIds: 'x' });
    assert.equal(withKeys.redactString('SESSION_ID=abc'), 'SESSION_ID=[REDACTED]');
  });
});
