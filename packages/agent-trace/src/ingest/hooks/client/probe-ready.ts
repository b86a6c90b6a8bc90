import { request, type IncomingMessage } from 'node:http';
import { routeUrl } from './collector-url.js';

export interface ReadyProbe {
  up: boolean;
  status: number | null;
  /** The collector's own JSON answer to /readyz (ports, version), when it gives one. */
  details: unknown;
  error: string | null;
}

/** GET /readyz with one time limit for connect and answer; 2xx means up. */
export const probeReady = (collector: URL, timeoutMs: number): Promise<ReadyProbe> =>
  new Promise((resolve) => {
    let settled = false;
    const settle = (p: ReadyProbe): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(p);
    };
    const req = request(routeUrl(collector, '/readyz'), { method: 'GET', agent: false }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        let details: unknown = null;
        try {
          details = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          details = null;
        }
        settle({ up: status >= 200 && status < 300, status, details, error: status >= 200 && status < 300 ? null : `answered ${status}` });
      });
    });
    const timer = setTimeout(() => {
      settle({ up: false, status: null, details: null, error: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => settle({ up: false, status: null, details: null, error: err.code ?? err.message }));
    req.end();
  });
