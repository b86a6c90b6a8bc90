import { useEffect, useState } from 'preact/hooks';
import { apiGet, query, type Metrics, type Report, type ReportRow } from '../api.js';
import { BarChart, HBars } from '../components/charts.js';
import { formatCost, formatDuration, formatInt, formatTokens, shortId } from '../format.js';
import { sessionHref } from '../router.js';

const GRAINS = { day: ['daily', 'date'], week: ['weekly', 'week'], month: ['monthly', 'month'] } as const;
type Grain = keyof typeof GRAINS;

interface Data {
  time: ReportRow[];
  totals: Report['totals'];
  models: ReportRow[];
  projects: ReportRow[];
  users: ReportRow[];
  sessions: Array<ReportRow & { sessionId: string; projectName: string | null }>;
  metrics: Metrics;
}

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function Analytics() {
  const [grain, setGrain] = useState<Grain>('day');
  const [since, setSince] = useState('');
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    const q = query({ since });
    const [kind, key] = GRAINS[grain];
    Promise.all([
      apiGet<Report>(`/reports/${kind}${q}`, ctl.signal),
      apiGet<Report>(`/reports/model${q}`, ctl.signal),
      apiGet<Report>(`/reports/project${q}`, ctl.signal),
      apiGet<Report>(`/reports/user${q}`, ctl.signal),
      apiGet<Report>(`/reports/session${q}`, ctl.signal),
      apiGet<Metrics>(`/metrics${q}`, ctl.signal),
    ])
      .then(([time, models, projects, users, sessions, metrics]) => {
        const rows = (time[kind] as ReportRow[]).map((r) => ({ ...r, label: String(r[key]) }));
        setData({
          time: rows,
          totals: time.totals,
          models: models['models'] as ReportRow[],
          projects: projects['projects'] as ReportRow[],
          users: users['users'] as ReportRow[],
          sessions: (sessions['sessions'] as Data['sessions']).slice(0, 10),
          metrics,
        });
        setError(null);
      })
      .catch((err: Error) => err.name !== 'AbortError' && setError(err.message));
    return () => ctl.abort();
  }, [grain, since]);

  if (error) return <section class="view"><p class="error-text" role="alert">{error}</p></section>;
  if (!data) return <section class="view"><p class="muted">loading…</p></section>;
  const t = data.totals;
  const cacheHit = t.cacheReadTokens + t.inputTokens + t.cacheCreationTokens === 0 ? null : t.cacheReadTokens / (t.cacheReadTokens + t.inputTokens + t.cacheCreationTokens);
  const llm = data.metrics.byType.find((r) => r.type === 'llm_call');
  const tools = data.metrics.byType.find((r) => r.type === 'tool_call');
  const labelOf = (r: ReportRow, key: string): string => String(r[key] ?? '');
  return (
    <section class="view analytics-view">
      <div class="toolbar">
        <div class="seg" role="group" aria-label="Group by">
          {(Object.keys(GRAINS) as Grain[]).map((g) => (
            <button type="button" key={g} class={g === grain ? 'on' : ''} aria-pressed={g === grain} onClick={() => setGrain(g)} data-testid={`grain-${g}`}>
              {g}
            </button>
          ))}
        </div>
        <select aria-label="Time range" value={since} onChange={(e) => setSince(e.currentTarget.value)} data-testid="analytics-range">
          <option value="">All time</option>
          <option value="7d">Last 7 days</option>
          <option value="30d">Last 30 days</option>
          <option value="90d">Last 90 days</option>
        </select>
      </div>
      <dl class="kpis big">
        <div><dt>Total cost</dt><dd data-testid="total-cost">{formatCost(t.totalCost)}</dd></div>
        <div><dt>Total tokens</dt><dd data-testid="total-tokens">{formatInt(t.totalTokens)}</dd></div>
        <div><dt>Cache-hit ratio</dt><dd data-testid="cache-hit">{pct(cacheHit)}</dd></div>
        <div><dt>Sessions</dt><dd>{formatInt(data.metrics.sessions)}</dd></div>
        <div><dt>Error rate</dt><dd>{pct(data.metrics.errorRate)}</dd></div>
        <div><dt>Model call p50 / p95</dt><dd>{formatDuration(llm?.latencyMs.p50)} / {formatDuration(llm?.latencyMs.p95)}</dd></div>
        <div><dt>Tool call p50 / p95</dt><dd>{formatDuration(tools?.latencyMs.p50)} / {formatDuration(tools?.latencyMs.p95)}</dd></div>
      </dl>
      <div class="cards">
        <article class="card wide">
          <h2>Cost by {grain}</h2>
          <BarChart testId="chart-cost" data={data.time.map((r) => ({ label: String(r['label']), value: r.totalCost }))} format={formatCost} />
        </article>
        <article class="card wide">
          <h2>Tokens by {grain}</h2>
          <BarChart testId="chart-tokens" data={data.time.map((r) => ({ label: String(r['label']), value: r.totalTokens }))} format={formatTokens} />
        </article>
        <article class="card">
          <h2>Cost by model</h2>
          <HBars testId="by-model" data={data.models.map((r) => ({ label: labelOf(r, 'model'), value: r.totalCost }))} format={formatCost} />
        </article>
        <article class="card">
          <h2>Cost by project</h2>
          <HBars testId="by-project" data={data.projects.map((r) => ({ label: labelOf(r, 'project'), value: r.totalCost }))} format={formatCost} />
        </article>
        <article class="card">
          <h2>Cost by user</h2>
          <HBars testId="by-user" data={data.users.map((r) => ({ label: labelOf(r, 'user').slice(0, 12), value: r.totalCost }))} format={formatCost} />
        </article>
        <article class="card">
          <h2>Most expensive sessions</h2>
          <ol class="top" data-testid="top-sessions">
            {data.sessions.map((s) => (
              <li key={s.sessionId}>
                <a href={sessionHref(s.sessionId)}>{shortId(s.sessionId)}</a> <span class="muted small">{s.projectName ?? ''}</span>
                <span class="num">{formatCost(s.totalCost)}</span>
              </li>
            ))}
          </ol>
        </article>
        <article class="card wide">
          <h2>Tool usage</h2>
          <table class="grid-table" data-testid="tool-table">
            <thead>
              <tr><th>Tool</th><th class="num">Calls</th><th class="num">Errors</th><th class="num">Error rate</th><th class="num">p50</th><th class="num">p95</th><th class="num">p99</th></tr>
            </thead>
            <tbody>
              {data.metrics.tools.map((r) => (
                <tr key={r.tool}>
                  <td>{r.tool}</td>
                  <td class="num">{formatInt(r.count)}</td>
                  <td class={`num${r.errors > 0 ? ' error-text' : ''}`}>{formatInt(r.errors)}</td>
                  <td class="num">{pct(r.errorRate)}</td>
                  <td class="num">{formatDuration(r.latencyMs.p50)}</td>
                  <td class="num">{formatDuration(r.latencyMs.p95)}</td>
                  <td class="num">{formatDuration(r.latencyMs.p99)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
        <article class="card wide">
          <h2>Model latency</h2>
          <table class="grid-table">
            <thead>
              <tr><th>Model</th><th class="num">Calls</th><th class="num">Error rate</th><th class="num">p50</th><th class="num">p90</th><th class="num">p95</th><th class="num">p99</th></tr>
            </thead>
            <tbody>
              {data.metrics.models.map((r) => (
                <tr key={r.model}>
                  <td>{r.model}</td>
                  <td class="num">{formatInt(r.count)}</td>
                  <td class="num">{pct(r.errorRate)}</td>
                  <td class="num">{formatDuration(r.latencyMs.p50)}</td>
                  <td class="num">{formatDuration(r.latencyMs.p90)}</td>
                  <td class="num">{formatDuration(r.latencyMs.p95)}</td>
                  <td class="num">{formatDuration(r.latencyMs.p99)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      </div>
    </section>
  );
}
