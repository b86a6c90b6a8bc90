import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from '../store/types.js';
import { ApiError } from './api/api-error.js';
import type { ApiContext } from './api/api-context.js';
import { sendApiError } from './api/respond.js';
import { API_PREFIX, createApiRouter } from './api/router.js';
import { createCommitPublisher } from './live/commit-events.js';
import { EventHub } from './live/event-hub.js';
import { notifyingStore } from './live/notifying-store.js';
import { createStreamRoute } from './live/stream-route.js';
import type { Logger } from './logger.js';
import { createStaticFiles, findDashboardDir } from './static-files.js';

export interface WebOptions {
  api: Omit<ApiContext, 'store'>;
  /** The built dashboard; undefined: look beside the server (dist/dashboard) or in the workspace; null: none. */
  dashboardDir?: string | null;
}

export const STREAM_PATH = `${API_PREFIX}/stream`;

/**
 * The REST API, the live stream and the dashboard, over one store. `store` is the store to write through:
 * every committed batch it writes is published on the stream.
 */
export const createWebRoutes = (store: Store, options: WebOptions, logger: Logger) => {
  const hub = new EventHub();
  const publisher = createCommitPublisher(store, hub, logger);
  const stream = createStreamRoute(hub);
  const api = createApiRouter({ ...options.api, store });
  const files = createStaticFiles(options.dashboardDir === undefined ? findDashboardDir() : options.dashboardDir);
  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    req.resume();
    if (url.pathname === STREAM_PATH) {
      if (req.method !== 'GET') sendApiError(req, res, new ApiError('method_not_allowed', `${STREAM_PATH} takes GET`), { Allow: 'GET' });
      else stream.handle(req, res, url);
      return;
    }
    if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) {
      await api(req, res, url);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      sendApiError(req, res, new ApiError('not_found', `no API route ${url.pathname}; the API is under ${API_PREFIX}`));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendApiError(req, res, new ApiError('method_not_allowed', `${url.pathname} takes GET`), { Allow: 'GET, HEAD' });
      return;
    }
    files(req, res, url);
  };
  return {
    store: notifyingStore(store, (batch) => publisher.committed(batch)),
    hub,
    /** Resolves when every batch committed so far is on the stream. */
    published: () => publisher.settled(),
    handle,
    close: () => stream.closeAll(),
  };
};

export type WebRoutes = ReturnType<typeof createWebRoutes>;
