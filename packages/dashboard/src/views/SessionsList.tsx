import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { apiGet, query, type SessionJson } from '../api.js';
import { VirtualList } from '../components/VirtualList.js';
import { formatCost, formatDuration, formatInt, formatTime, formatTokens, shortId, totalTokens } from '../format.js';
import { subscribe } from '../live.js';
import { navigate, sessionHref } from '../router.js';

const SORTS = [
  ['start', 'Started'],
  ['cost', 'Cost'],
  ['tokens', 'Tokens'],
  ['duration', 'Duration'],
  ['tools', 'Tool calls'],
  ['errors', 'Errors'],
] as const;
type SortKey = (typeof SORTS)[number][0];

interface Filters {
  q: string;
  project: string;
  model: string;
  status: string;
  since: string;
  sort: SortKey;
  order: 'asc' | 'desc';
}

const ROW_HEIGHT = 44;
const PAGE = 200;
/** Live events arrive per committed batch; a burst refreshes the page once. */
const REFRESH_DEBOUNCE_MS = 150;

const matchesFilters = (f: Filters): boolean => !f.q && !f.project && !f.model && !f.status && !f.since;

export function SessionsList() {
  const [filters, setFilters] = useState<Filters>({ q: '', project: '', model: '', status: '', since: '', sort: 'start', order: 'desc' });
  const [sessions, setSessions] = useState<SessionJson[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [selected, setSelected] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  const load = useCallback(async (f: Filters, cursor: string | null) => {
    setLoading(true);
    try {
      const page = await apiGet<{ sessions: SessionJson[]; nextCursor: string | null }>(
        `/sessions${query({ q: f.q, project: f.project, model: f.model, status: f.status, since: f.since, sort: f.sort, order: f.order, limit: PAGE, cursor })}`,
      );
      setSessions((prev) => (cursor ? [...prev, ...page.sessions] : page.sessions));
      setNext(page.nextCursor);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    const t = setTimeout(() => void load(filters, null), 120);
    return () => clearTimeout(t);
  }, [filters, load]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    return subscribe(null, (type, data) => {
      if (type === 'reset') {
        void load(filtersRef.current, null);
        return;
      }
      if (type !== 'session') return;
      const s = data as SessionJson;
      let known = false;
      setSessions((prev) => prev.map((p) => (p.id === s.id ? ((known = true), s) : p)));
      // A session not on screen yet: reload the first page (it may belong there under the current filters).
      if (!known || !matchesFilters(filtersRef.current)) {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void load(filtersRef.current, null), REFRESH_DEBOUNCE_MS);
      }
    });
  }, [load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement;
      if (target.tagName === 'INPUT' || target.tagName === 'SELECT') {
        if (e.key === 'Escape') target.blur();
        return;
      }
      if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        setSelected((i) => Math.min(sessions.length - 1, i + 1));
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        setSelected((i) => Math.max(0, i - 1));
      } else if (e.key === 'Enter') {
        const s = sessions[selected];
        if (s) navigate(sessionHref(s.id));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sessions, selected]);

  const set = (patch: Partial<Filters>): void => setFilters((f) => ({ ...f, ...patch }));
  const sortBy = (key: SortKey): void => set(filters.sort === key ? { order: filters.order === 'desc' ? 'asc' : 'desc' } : { sort: key, order: 'desc' });
  const arrow = (key: SortKey): string => (filters.sort === key ? (filters.order === 'desc' ? ' ▼' : ' ▲') : '');
  const shownCost = sessions.reduce((sum, s) => sum + s.totals.costUsd, 0);
  const shownTokens = sessions.reduce((sum, s) => sum + totalTokens(s.totals), 0);

  return (
    <section class="view sessions-view">
      <div class="toolbar" role="search">
        <input ref={searchRef} type="search" placeholder="Search prompts, tool input, titles  ( / )" aria-label="Search" value={filters.q} onInput={(e) => set({ q: e.currentTarget.value })} data-testid="search" />
        <input type="text" placeholder="Project" aria-label="Project" value={filters.project} onInput={(e) => set({ project: e.currentTarget.value })} data-testid="filter-project" />
        <input type="text" placeholder="Model" aria-label="Model" value={filters.model} onInput={(e) => set({ model: e.currentTarget.value })} data-testid="filter-model" />
        <select aria-label="Status" value={filters.status} onChange={(e) => set({ status: e.currentTarget.value })} data-testid="filter-status">
          <option value="">Any status</option>
          <option value="running">Running</option>
          <option value="completed">Completed</option>
          <option value="error">Error</option>
        </select>
        <select aria-label="Time range" value={filters.since} onChange={(e) => set({ since: e.currentTarget.value })}>
          <option value="">All time</option>
          <option value="24h">Last 24 hours</option>
          <option value="7d">Last 7 days</option>
          <option value="30d">Last 30 days</option>
        </select>
      </div>
      <div class="summary" data-testid="list-summary">
        <span data-testid="list-count">{sessions.length}{next ? '+' : ''} sessions</span>
        <span>cost <b data-testid="list-cost">{formatCost(shownCost)}</b></span>
        <span>tokens <b data-testid="list-tokens">{formatTokens(shownTokens)}</b></span>
        {loading && <span class="muted">loading…</span>}
        {error && <span class="error-text" role="alert">{error}</span>}
      </div>
      <div class="table-head sessions-grid" role="row">
        <span>Session</span>
        <span>Project</span>
        <span>Model</span>
        {SORTS.map(([key, label]) => (
          <button type="button" class="sort" key={key} onClick={() => sortBy(key)} aria-label={`Sort by ${label}`} data-testid={`sort-${key}`}>
            {label}
            {arrow(key)}
          </button>
        ))}
      </div>
      <VirtualList
        label="Sessions"
        items={sessions}
        rowHeight={ROW_HEIGHT}
        focusIndex={selected}
        renderRow={(s, i) => (
          <a
            key={s.id}
            href={sessionHref(s.id)}
            class={`row sessions-grid${i === selected ? ' selected' : ''}${s.totals.errors > 0 ? ' has-errors' : ''}`}
            style={{ height: `${ROW_HEIGHT}px` }}
            role="listitem"
            data-testid="session-row"
            data-session-id={s.id}
          >
            <span class="cell-title">
              <span class="title">
                {s.status === 'running' && <span class="badge live" data-testid="live-badge">LIVE</span>}
                {s.title ?? shortId(s.id)}
              </span>
              <span class="muted small">{shortId(s.id)} · {s.agent}</span>
            </span>
            <span class="ellipsis">{s.projectName ?? (s.projectHash ? s.projectHash.slice(0, 10) : '—')}</span>
            <span class="ellipsis small">{s.models.join(', ') || '—'}</span>
            <span class="small">{formatTime(s.startTime)}</span>
            <span class="num" data-testid="row-cost">{formatCost(s.totals.costUsd)}</span>
            <span class="num">{formatTokens(totalTokens(s.totals))}</span>
            <span class="num">{s.status === 'running' ? 'running' : formatDuration(s.durationMs)}</span>
            <span class="num" data-testid="row-tools">{formatInt(s.totals.toolCalls)}</span>
            <span class={`num${s.totals.errors > 0 ? ' error-text' : ''}`}>{formatInt(s.totals.errors)}</span>
          </a>
        )}
      />
      {next && (
        <button type="button" class="more" onClick={() => void load(filters, next)}>
          Load more
        </button>
      )}
      {!loading && sessions.length === 0 && !error && <p class="empty">No sessions match. Run `agent-trace import`, or start an agent with telemetry pointed here.</p>}
    </section>
  );
}
