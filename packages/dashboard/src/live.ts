import { token } from './api.js';

export type LiveHandler = (type: 'session' | 'spans' | 'metrics' | 'reset', data: unknown) => void;

/**
 * Subscribes to the server's event stream (optionally one session). EventSource reconnects by itself and
 * sends Last-Event-ID, so nothing stored while the connection was down is missed.
 */
export const subscribe = (session: string | null, handler: LiveHandler, onState?: (connected: boolean) => void): (() => void) => {
  const q = new URLSearchParams();
  if (session) q.set('session', session);
  const t = token();
  if (t) q.set('token', t);
  const qs = q.toString();
  const source = new EventSource(`/api/v1/stream${qs ? `?${qs}` : ''}`);
  for (const type of ['session', 'spans', 'metrics', 'reset'] as const) {
    source.addEventListener(type, (e) => handler(type, JSON.parse((e as MessageEvent<string>).data) as unknown));
  }
  source.addEventListener('ready', () => onState?.(true));
  source.onerror = () => onState?.(false);
  return () => source.close();
};
