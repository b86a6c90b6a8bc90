import type { Agent, Session, SessionId, Span, SpanType } from '@agent-trace/schema';
import type { Store } from '../store/types.js';

export interface WatchFilter {
  /** A session id or a prefix of one. */
  session?: string;
  type?: SpanType;
  agent?: Agent;
}

export type SpanChangeKind = 'start' | 'end' | 'update';

export interface SpanChange {
  kind: SpanChangeKind;
  span: Span;
}

/** What a reader of the session row can see change whenever one of its spans is written. */
const sessionSignature = (s: Session): string =>
  `${s.summary.eventCount}|${s.summary.durationMs}|${s.endNs ?? ''}|${s.status}|${s.totals.errors}|${s.totals.toolCalls}`;
const spanSignature = (s: Span): string => `${s.endNs ?? ''}|${s.status}|${s.events.length}`;

const CANDIDATE_LIMIT = 50;

/** When the change happened: a span's end for an end, else its start. */
export const changeTimeNs = (c: SpanChange): bigint => (c.kind !== 'start' && c.span.endNs !== null ? c.span.endNs : c.span.startNs);

/**
 * Finds spans that are new or changed since the last poll, through the Store interface only. The sessions to
 * look at: running ones plus those active since the watch began (or the ones matching `--session`). A session's
 * spans are read again only when its row changed (every span write updates its derived totals and last
 * activity), so an idle store costs one or two small queries per poll. The first poll records what is there
 * and reports nothing: only what happens after the watch starts is new.
 */
export class SpanWatcher {
  private readonly sessions = new Map<SessionId, string>();
  private readonly spans = new Map<string, string>();
  private primed = false;

  constructor(
    private readonly store: Store,
    private readonly filter: WatchFilter,
    private readonly sinceNs: bigint,
  ) {}

  private async candidates(): Promise<Session[]> {
    const agent = this.filter.agent ? { agent: this.filter.agent } : {};
    if (this.filter.session !== undefined) {
      const ids = await this.store.findSessionIds(this.filter.session, CANDIDATE_LIMIT);
      const found = await Promise.all(ids.map((id) => this.store.getSession(id)));
      return found.filter((s): s is Session => s !== null && (this.filter.agent === undefined || s.agent === this.filter.agent));
    }
    const [running, recent] = await Promise.all([
      this.store.listSessions({ ...agent, status: 'running', sort: 'start', order: 'desc', limit: CANDIDATE_LIMIT }),
      this.store.listSessions({ ...agent, sinceNs: this.sinceNs, sort: 'start', order: 'desc', limit: CANDIDATE_LIMIT }),
    ]);
    const byId = new Map<SessionId, Session>();
    for (const s of [...running, ...recent]) byId.set(s.id, s);
    return [...byId.values()];
  }

  async poll(): Promise<SpanChange[]> {
    const changes: SpanChange[] = [];
    for (const session of await this.candidates()) {
      const signature = sessionSignature(session);
      if (this.sessions.get(session.id) === signature) continue;
      const known = this.sessions.has(session.id);
      this.sessions.set(session.id, signature);
      for (const span of await this.store.getSpans(session.id)) {
        const key = `${span.traceId}/${span.spanId}`;
        const previous = this.spans.get(key);
        const current = spanSignature(span);
        if (previous === current) continue;
        this.spans.set(key, current);
        if (!this.primed && !known) continue;
        if (this.filter.type !== undefined && span.type !== this.filter.type) continue;
        const ended = span.endNs !== null && (previous === undefined || previous.startsWith('|'));
        changes.push({ kind: previous === undefined ? (span.endNs === null ? 'start' : 'end') : ended ? 'end' : 'update', span });
      }
    }
    this.primed = true;
    return changes.sort((a, b) => {
      const ta = changeTimeNs(a);
      const tb = changeTimeNs(b);
      return ta < tb ? -1 : ta > tb ? 1 : 0;
    });
  }
}
