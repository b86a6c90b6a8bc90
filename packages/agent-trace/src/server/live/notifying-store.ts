import type { Store, WriteBatch } from '../../store/types.js';

/**
 * The store as the collector's writers see it: write() reports each batch once its transaction committed
 * (the durable writer's group commits and the transcript watcher's imports alike). Everything else is the store.
 */
export const notifyingStore = (store: Store, committed: (batch: WriteBatch) => void): Store =>
  new Proxy(store, {
    get(target, prop) {
      if (prop === 'write') {
        return async (batch: WriteBatch) => {
          const result = await target.write(batch);
          committed(batch);
          return result;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
