/** Where the collector listens when nothing says otherwise (DESIGN.md: one HTTP port on loopback). */
export const DEFAULT_COLLECTOR_URL = 'http://127.0.0.1:8318';

/** A flag, else `AGENT_TRACE_URL`, else the default. Throws for a value that is not an http(s) URL. */
export const collectorUrl = (env: NodeJS.ProcessEnv, flag?: string): URL => {
  const text = flag ?? env['AGENT_TRACE_URL'] ?? DEFAULT_COLLECTOR_URL;
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`collector URL must be http or https: ${text}`);
  return url;
};

/** The URL of a collector route, keeping any path prefix of the base URL. */
export const routeUrl = (base: URL, route: string): URL => new URL(`${base.pathname.replace(/\/$/, '')}${route}`, base);
