import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventHub, LiveEvent, Subscriber } from './event-hub.js';

/** A comment line this often keeps proxies and idle timeouts from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** Milliseconds a browser waits before reconnecting (the EventSource `retry` field). */
const RETRY_MS = 1000;
/** A client this far behind is cut off; it reconnects with Last-Event-ID and catches up from the buffer. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const frame = (e: LiveEvent): string => `id: ${e.id}\nevent: ${e.type}\ndata: ${e.data}\n\n`;

/** Handles GET /api/v1/stream: Server-Sent Events from the hub, optionally for one session. */
export const createStreamRoute = (hub: EventHub) => {
  const open = new Set<ServerResponse>();
  const handle = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const sessionId = url.searchParams.get('session') || null;
    const header = req.headers['last-event-id'];
    const lastEventId = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('lastEventId') ?? null;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.socket?.setNoDelay(true);
    open.add(res);
    const subscriber: Subscriber = {
      sessionId,
      send(event) {
        res.write(frame(event));
        if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
      },
    };
    const missed = hub.subscribe(subscriber, lastEventId);
    let out = `retry: ${RETRY_MS}\n\n`;
    if (missed === 'reset') out += `event: reset\ndata: ${JSON.stringify({ reason: 'events since Last-Event-ID are no longer kept; reload' })}\n\n`;
    else for (const e of missed) out += frame(e);
    out += `event: ready\ndata: ${JSON.stringify({ lastEventId: hub.lastId, session: sessionId })}\n\n`;
    res.write(out);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const done = (): void => {
      clearInterval(heartbeat);
      hub.unsubscribe(subscriber);
      open.delete(res);
    };
    res.on('close', done);
  };
  return {
    handle,
    /** Ends every open stream (at shutdown, so closing the server need not wait for them). */
    closeAll(): void {
      for (const res of open) res.end();
    },
  };
};
