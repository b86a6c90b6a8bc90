import { useEffect, useState } from 'preact/hooks';
import { apiGet, type SpanDetail } from '../api.js';
import { formatCost, formatDuration, formatInt } from '../format.js';

/** Stored text is shown as text, never as HTML: Preact sets it as a text node, whatever it contains. */
const asText = (v: unknown): string => {
  if (typeof v === 'string') {
    try {
      const parsed = JSON.parse(v) as unknown;
      if (parsed !== null && typeof parsed === 'object') return JSON.stringify(parsed, null, 2);
    } catch {
      // Not JSON: plain text, shown as it is.
    }
    return v;
  }
  return JSON.stringify(v, null, 2);
};

const CONTENT_LABELS: Record<string, string> = { prompt: 'Prompt', tool_input: 'Input', tool_result: 'Result', error: 'Error', note: 'Note' };

/** The span detail panel, loaded on demand when a span is selected. */
export function SpanPanel({ sessionId, spanId, onClose }: { sessionId: string; spanId: string; onClose: () => void }) {
  const [detail, setDetail] = useState<SpanDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    setDetail(null);
    setError(null);
    apiGet<SpanDetail>(`/sessions/${encodeURIComponent(sessionId)}/spans/${encodeURIComponent(spanId)}`, ctl.signal)
      .then(setDetail)
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setError(err.message);
      });
    return () => ctl.abort();
  }, [sessionId, spanId]);
  const s = detail?.span;
  const attributes = s ? Object.entries(s.attributes).filter(([k]) => !k.startsWith('content.')) : [];
  return (
    <aside class="panel" aria-label="Span detail" data-testid="span-panel">
      <header class="panel-head">
        <h2 class="ellipsis">{s ? s.name : 'Span'}</h2>
        <button type="button" class="icon" onClick={onClose} aria-label="Close detail (Esc)">
          ✕
        </button>
      </header>
      {error && <p class="error-text" role="alert">{error}</p>}
      {!s && !error && <p class="muted">loading…</p>}
      {s && detail && (
        <div class="panel-body">
          <dl class="facts">
            <dt>Type</dt>
            <dd>{s.type}</dd>
            <dt>Status</dt>
            <dd class={s.status === 'error' ? 'error-text' : ''}>{s.status}{s.statusMessage ? ` — ${s.statusMessage}` : ''}</dd>
            <dt>Start</dt>
            <dd>{s.startTime}</dd>
            <dt>Duration</dt>
            <dd>{formatDuration(s.durationMs)}</dd>
            {s.model && (<><dt>Model</dt><dd>{s.model}</dd></>)}
            {s.toolName && (<><dt>Tool</dt><dd>{s.toolName}</dd></>)}
            {s.usage && (
              <>
                <dt>Tokens</dt>
                <dd>
                  in {formatInt(s.usage.input)} · out {formatInt(s.usage.output)} · cache read {formatInt(s.usage.cacheRead)} · cache write{' '}
                  {formatInt(s.usage.cacheWrite5m + s.usage.cacheWrite1h)}
                </dd>
              </>
            )}
            {s.costUsd !== null && (<><dt>Cost</dt><dd>{formatCost(s.costUsd)}</dd></>)}
            <dt>Source</dt>
            <dd>{s.source}</dd>
            <dt>Span id</dt>
            <dd class="mono">{s.spanId}</dd>
          </dl>
          {Object.keys(detail.content).length > 0 ? (
            Object.entries(detail.content).map(([key, value]) => (
              <section key={key} class="content-block">
                <h3>{CONTENT_LABELS[key] ?? key}</h3>
                <pre data-testid={`content-${key}`}>{asText(value)}</pre>
              </section>
            ))
          ) : (
            <p class="muted small">
              {detail.privacyTier === 1 ? 'Privacy tier 1: prompts, tool input and results are not stored.' : 'No content stored for this span.'}
            </p>
          )}
          {attributes.length > 0 && (
            <section class="content-block">
              <h3>Attributes</h3>
              <table class="attrs">
                <tbody>
                  {attributes.map(([k, v]) => (
                    <tr key={k}>
                      <th>{k}</th>
                      <td>{typeof v === 'string' ? v : JSON.stringify(v)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {s.events.length > 0 && (
            <section class="content-block">
              <h3>Events</h3>
              <ul class="events">
                {s.events.map((e, i) => (
                  <li key={i}>
                    <span class="mono small">{e.time}</span> {e.name}
                    {Object.keys(e.attributes).length > 0 && <pre>{JSON.stringify(e.attributes, null, 2)}</pre>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </aside>
  );
}
