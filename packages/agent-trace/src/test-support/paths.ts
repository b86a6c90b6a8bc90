import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

// This file runs from packages/agent-trace/{src,dist}/test-support/, so the repository root is four levels up.
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const packageRoot = join(repoRoot, 'packages', 'agent-trace');
export const fixturesDir = join(repoRoot, 'fixtures');
/** The installed binary: the one-file bundle of the CLI (scripts/bundle-cli.mjs). */
export const cliPath = join(packageRoot, 'dist', 'cli', 'agent-trace.cjs');
