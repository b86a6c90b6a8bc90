import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { apiGet, type Timeline, type TimelineRow } from '../api.js';
import { VirtualList } from '../components/VirtualList.js';
import { formatCost, formatDuration, formatInt, formatTime, formatTokens, shortId, totalTokens } from '../format.js';
import { subscribe } from '../live.js';
import { navigate, sessionHref } from '../router.js';
import { SpanPanel } from './SpanPanel.js';

const ROW_HEIGHT = 30;
/** Live events for this session refresh the timeline at most this often. */
const REFRESH_DEBOUNCE_MS = 100;

const ICON: Record<string, string> = { turn: '▸', llm_call: '◆', tool_call: '⚙', subagent: '⎇', error: '⚠', session: '●' };

const rowDetail = (r: TimelineRow): string => {
  if (r.type === 'llm_call') {
    const u = r.usage;
    const tokens = u ? u.input + u.output + u.cacheRead + u.cacheWrite5m + u.cacheWrite1h : 0;
    return `${r.model ?? ''} · ${formatTokens(tokens)} tok`;
  }
  if (r.type === 'tool_call') return r.preview ?? r.toolName ?? '';
  if (r.type === 'turn') return r.preview ?? '';
  return r.statusMessage ?? '';
};

export function SessionReplay({ id, span }: { id: string; span: string | null }) {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const spanRef = useRef(span);
  spanRef.current = span;

  useEffect(() => {
    let cancelled = false;
    const load = (): void => {
      apiGet<Timeline>(`/sessions/${encodeURIComponent(id)}/timeline`)
        .then((t) => {
          if (!cancelled) {
            setTimeline(t);
            setError(null);
          }
        })
        .catch((err: Error) => !cancelled && setError(err.message));
    };
    load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = subscribe(
      id,
      () => {
        if (timer) return;
        timer = setTimeout(() => {
          timer = null;
          load();
        }, REFRESH_DEBOUNCE_MS);
      },
      setLive,
    );
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      stop();
    };
  }, [id]);

  const rows = timeline?.rows ?? [];
  const index = useMemo(() => new Map(rows.map((r, i) => [r.spanId, i])), [rows]);
  const selected = span ? (index.get(span) ?? -1) : -1;
  const extent = useMemo(() => Math.max(1, ...rows.map((r) => r.offsetMs + (r.durationMs ?? 0))), [rows]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.target as HTMLElement).tagName === 'INPUT') return;
      const move = (delta: number): void => {
        const next = rows[Math.max(0, Math.min(rows.length - 1, (selected < 0 ? -1 : selected) + delta))];
        if (next) navigate(sessionHref(id, next.spanId), true);
      };
      if (e.key === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        move(1);
      } else if (e.key === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        move(-1);
      } else if (e.key === 'Escape') {
        if (spanRef.current) navigate(sessionHref(id), true);
        else navigate('#/sessions');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selected, id]);

  if (error) return <section class="view"><p class="error-text" role="alert">{error}</p><a href="#/sessions">← Sessions</a></section>;
  if (!timeline) return <section class="view"><p class="muted">loading…</p></section>;
  const s = timeline.session;
  return (
    <section class="view replay-view">
      <header class="replay-head">
        <a href="#/sessions" class="back" aria-label="Back to sessions (Esc)">←</a>
        <div class="replay-title">
          <h1 class="ellipsis" data-testid="replay-title">
            {s.status === 'running' && <span class="badge live" data-testid="live-badge">LIVE</span>}
            {s.title ?? shortId(s.id)}
          </h1>
          <div class="muted small">
            {s.id} · {s.agent} · {s.projectName ?? s.projectHash?.slice(0, 10) ?? 'no project'} · {s.gitBranch ?? ''} · started {formatTime(s.startTime)}
            {live ? ' · live updates on' : ''}
          </div>
        </div>
        <dl class="kpis">
          <div><dt>Cost</dt><dd data-testid="replay-cost">{formatCost(s.totals.costUsd)}</dd></div>
          <div><dt>Tokens</dt><dd>{formatTokens(totalTokens(s.totals))}</dd></div>
          <div><dt>Duration</dt><dd>{s.status === 'running' ? 'running' : formatDuration(s.durationMs)}</dd></div>
          <div><dt>Prompts</dt><dd>{formatInt(timeline.turns)}</dd></div>
          <div><dt>Tool calls</dt><dd data-testid="replay-tools">{formatInt(s.totals.toolCalls)}</dd></div>
          <div><dt>Errors</dt><dd class={s.totals.errors > 0 ? 'error-text' : ''}>{formatInt(s.totals.errors)}</dd></div>
          <div><dt>Models</dt><dd class="small">{s.models.join(', ') || '—'}</dd></div>
        </dl>
      </header>
      <div class={`replay-body${span ? ' with-panel' : ''}`}>
        <div class="timeline">
          <div class="table-head timeline-grid" role="row">
            <span>Span ({formatInt(rows.length)})</span>
            <span>Detail</span>
            <span class="num">Duration</span>
            <span class="num">Cost</span>
            <span>Waterfall</span>
          </div>
          <VirtualList
            label="Timeline"
            items={rows}
            rowHeight={ROW_HEIGHT}
            focusIndex={selected}
            renderRow={(r, i) => (
              <a
                key={r.spanId}
                href={sessionHref(id, r.spanId)}
                class={`row timeline-grid type-${r.type}${r.status === 'error' ? ' is-error' : ''}${i === selected ? ' selected' : ''}`}
                style={{ height: `${ROW_HEIGHT}px` }}
                role="listitem"
                data-testid="timeline-row"
                data-type={r.type}
                data-span-id={r.spanId}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(sessionHref(id, r.spanId), true);
                }}
              >
                <span class="cell-name ellipsis" style={{ paddingLeft: `${r.depth * 14}px` }}>
                  <span class="icon-type" aria-hidden="true">{ICON[r.type] ?? '·'}</span>
                  {r.type === 'turn' ? `Prompt ${r.turn ?? ''}` : r.type === 'tool_call' ? (r.toolName ?? r.name) : r.name}
                  {r.status === 'error' && <span class="badge err">error</span>}
                </span>
                <span class="ellipsis small muted">{rowDetail(r)}</span>
                <span class="num small">{formatDuration(r.durationMs)}</span>
                <span class="num small">{r.costUsd === null ? '' : formatCost(r.costUsd)}</span>
                <span class="wf">
                  <span
                    class="wf-bar"
                    style={{ left: `${(r.offsetMs / extent) * 100}%`, width: `max(2px, ${((r.durationMs ?? 0) / extent) * 100}%)` }}
                  />
                </span>
              </a>
            )}
          />
        </div>
        {span && <SpanPanel sessionId={id} spanId={span} onClose={() => navigate(sessionHref(id), true)} />}
      </div>
    </section>
  );
}
