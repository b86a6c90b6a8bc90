import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Config } from '../../config/config.js';
import { usageError } from '../../errors.js';
import { writeDemoData } from '../../demo/demo-data.js';
import { createPipeline } from '../../pipeline/index.js';
import { createPriceBook } from '../../pricing/index.js';
import { loadOrCreateSalt } from '../../privacy/index.js';
import type { AccessPolicy } from '../../server/access-guard.js';
import { openStore } from '../../store/open.js';
import type { Store } from '../../store/types.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
/** Tokens shorter than this are refused: a guessable token on a network address is no protection. */
const MIN_TOKEN_LENGTH = 16;

/**
 * Loopback needs no token (but gets one if AGENT_TRACE_TOKEN is set); any other address requires one,
 * for the API, the live stream and ingest alike.
 */
export const accessPolicy = (host: string, env: NodeJS.ProcessEnv): AccessPolicy => {
  const token = env['AGENT_TRACE_TOKEN']?.trim() || null;
  const loopback = LOOPBACK.has(host);
  if (!loopback && token === null) {
    throw usageError(`--host ${host} is not a loopback address: set AGENT_TRACE_TOKEN (at least ${MIN_TOKEN_LENGTH} characters) so that only holders of the token can read or send traces`);
  }
  if (token !== null && token.length < MIN_TOKEN_LENGTH) throw usageError(`AGENT_TRACE_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters long`);
  return { token, loopback };
};

/** The address a browser uses: the token rides in the fragment, which browsers never send to a server. */
export const dashboardUrl = (host: string, port: number, token: string | null): string => {
  const shown = host === '::1' ? '[::1]' : host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown}:${port}/${token ? `#token=${encodeURIComponent(token)}` : ''}`;
};

/** Opens the URL in the default browser, detached; failing to (no display, no opener) is only a warning. */
export const openBrowser = (url: string, platform: NodeJS.Platform = process.platform): Promise<string | null> =>
  new Promise((resolve) => {
    const [cmd, args] = platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
    try {
      const child = spawn(cmd, args as string[], { detached: true, stdio: 'ignore' });
      child.once('error', (err) => resolve(`cannot open a browser (${cmd}: ${err.message}); open ${url}`));
      child.once('spawn', () => {
        child.unref();
        resolve(null);
      });
    } catch (err) {
      resolve(`cannot open a browser (${(err as Error).message}); open ${url}`);
    }
  });

/** The demo's own data dir, beside the real store and never mixed with it. */
export const demoDataDir = (dataDir: string): string => join(dataDir, 'demo');

/** Opens the demo store, generating the demo data set into it when it is empty. */
export const openDemoStore = async (dataDir: string, config: Config, now: Date): Promise<Store> => {
  const dir = demoDataDir(dataDir);
  const demoConfig: Config = { ...config, privacy: { ...config.privacy, tier: 3, keepProjectNames: true } };
  const store = await openStore(dir, demoConfig);
  if ((await store.stats()).sessions === 0) {
    const pipeline = createPipeline(demoConfig, createPriceBook(config.pricing.models), { salt: loadOrCreateSalt(dir) });
    await writeDemoData(store, (b) => pipeline.process(b), now);
  }
  return store;
};
