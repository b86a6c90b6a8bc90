import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixturesDir } from '../../../test-support/paths.js';
import { payloadDigest } from '../payload-digest.js';
import { hookPayloadDigest, JS_DIGEST_MAX_BYTES } from './hook-digest.js';

const dir = join(fixturesDir, 'hooks', 'claude-code');

describe('hookPayloadDigest', () => {
  it('is payloadDigest on every hook fixture', async () => {
    const names = readdirSync(dir).filter((f) => f.endsWith('.json'));
    assert.ok(names.length >= 33);
    for (const name of names) {
      const payload = JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
      assert.equal(await hookPayloadDigest(payload), payloadDigest(payload), name);
    }
  });

  it('is payloadDigest on both sides of the JavaScript limit, multi-byte text included', async () => {
    for (const size of [0, 100, JS_DIGEST_MAX_BYTES - 40, JS_DIGEST_MAX_BYTES - 1, JS_DIGEST_MAX_BYTES, JS_DIGEST_MAX_BYTES + 1, 3 * JS_DIGEST_MAX_BYTES]) {
      for (const fill of ['x', 'é', '😀', '\ud800']) {
        const payload = { session_id: 's', hook_event_name: 'PostToolUse', tool_response: fill.repeat(size / fill.length) };
        assert.equal(await hookPayloadDigest(payload), payloadDigest(payload), `${size} × ${JSON.stringify(fill)}`);
      }
    }
  });
});
