import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { STORE_FILE } from '../config/data-dir.js';
import { AgentTraceError } from '../errors.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './types.js';

/** Opens the configured backend in the data dir, creating the dir (0700) when missing. */
export const openStore = async (dataDir: string, config: Config): Promise<Store> => {
  switch (config.store.backend) {
    case 'sqlite': {
      try {
        mkdirSync(dataDir, { recursive: true, mode: 0o700 });
        return SqliteStore.open(join(dataDir, STORE_FILE));
      } catch (err) {
        if (err instanceof AgentTraceError) throw err;
        throw new AgentTraceError('store', `cannot open the store in ${dataDir}: ${(err as Error).message}`, { cause: err });
      }
    }
    default:
      return config.store.backend satisfies never;
  }
};
