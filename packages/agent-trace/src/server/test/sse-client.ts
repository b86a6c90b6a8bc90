/** One parsed Server-Sent Event. */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/** A minimal SSE reader over fetch, for tests: collects events and lets a test wait for one. */
export class SseClient {
  readonly events: SseEvent[] = [];
  private readonly controller = new AbortController();
  private waiters: Array<{ test: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }> = [];
  status = 0;

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const client = new SseClient();
    const res = await fetch(url, { headers, signal: client.controller.signal });
    client.status = res.status;
    if (res.body) void client.read(res.body);
    return client;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const e: SseEvent = { id: null, event: 'message', data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              e.data += line.slice(6);
              hasData = true;
            }
          }
          if (!hasData) continue;
          this.events.push(e);
          this.waiters = this.waiters.filter((w) => (w.test(e) ? (w.resolve(e), false) : true));
        }
      }
    } catch {
      // Aborted by close(): the test is done with the stream.
    }
  }

  /** Resolves with the first event (already received or still to come) that passes the test. */
  next(test: (e: SseEvent) => boolean): Promise<SseEvent> {
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  close(): void {
    this.controller.abort();
  }
}
