import type { PrivacyTier } from '@agent-trace/schema';
import type { Store } from '../../store/types.js';
import type { Params } from './params.js';

/** What the API's handlers read: the store and the settings the entry point resolved. */
export interface ApiContext {
  store: Store;
  /** Time zone for reports by day, week and month when a request names none. */
  timezone: string;
  privacyTier: PrivacyTier;
  /** Whether this server runs on the generated demo data set (the dashboard labels it). */
  demo: boolean;
  now: () => Date;
}

export interface RouteMatch {
  ctx: ApiContext;
  /** Path segments captured by the route's pattern, decoded. */
  path: string[];
  params: Params;
}

export type RouteHandler = (match: RouteMatch) => Promise<unknown>;
