import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { packageRoot } from './test-support/paths.js';
import { VERSION } from './version.js';

it('VERSION is the package version', () => {
  assert.equal(VERSION, (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version);
});
