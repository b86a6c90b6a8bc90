import { useEffect, useState } from 'preact/hooks';

/** Hash routes, so every view and every span has a link that works after a reload: #/sessions/ID/span/SPAN. */
export type Route =
  | { view: 'sessions' }
  | { view: 'session'; id: string; span: string | null }
  | { view: 'analytics' };

export const parseRoute = (hash: string): Route => {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'sessions' && parts[1]) return { view: 'session', id: parts[1], span: parts[2] === 'span' && parts[3] ? parts[3] : null };
  if (parts[0] === 'analytics') return { view: 'analytics' };
  return { view: 'sessions' };
};

export const sessionHref = (id: string, span?: string | null): string =>
  `#/sessions/${encodeURIComponent(id)}${span ? `/span/${encodeURIComponent(span)}` : ''}`;

export const navigate = (href: string, replace = false): void => {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
};

export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const on = (): void => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
};
