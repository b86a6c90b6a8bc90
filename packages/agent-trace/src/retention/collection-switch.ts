import type { Config } from '../config/config.js';
import type { PruneResult, Store } from '../store/types.js';

/**
 * The GDPR switch: with `collection.enabled: false` the pipeline stores nothing (pipeline/index.ts), and what
 * was stored is purged the first time a command that writes the store starts. Returns what was deleted, or
 * null when collection is on.
 */
export const applyCollectionSwitch = async (collection: Config['collection'], store: Store): Promise<PruneResult | null> => {
  if (collection.enabled) return null;
  return store.purgeAll();
};
