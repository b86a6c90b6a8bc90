import { formatCost, formatTokens } from '../format.js';

export interface Series {
  label: string;
  value: number;
}

const PALETTE = ['var(--c1)', 'var(--c2)', 'var(--c3)', 'var(--c4)', 'var(--c5)', 'var(--c6)'];

/** Vertical bars over time, hand-drawn in SVG; each bar has a tooltip with its exact value. */
export function BarChart({ data, format, testId }: { data: Series[]; format: (v: number) => string; testId: string }) {
  const w = 640;
  const h = 180;
  const pad = 28;
  const max = Math.max(1e-9, ...data.map((d) => d.value));
  const bw = data.length === 0 ? 0 : (w - pad) / data.length;
  return (
    <svg class="chart" viewBox={`0 0 ${w} ${h + 22}`} role="img" aria-label={testId} data-testid={testId}>
      <line x1={pad} y1={h} x2={w} y2={h} class="axis" />
      <text x={0} y={12} class="tick">{format(max)}</text>
      {data.map((d, i) => {
        const bh = (d.value / max) * (h - 16);
        return (
          <g key={d.label}>
            <rect x={pad + i * bw + 1} y={h - bh} width={Math.max(1, bw - 2)} height={bh} class="bar">
              <title>{`${d.label}: ${format(d.value)}`}</title>
            </rect>
            {(data.length <= 16 || i % Math.ceil(data.length / 12) === 0) && (
              <text x={pad + i * bw + bw / 2} y={h + 15} class="tick" text-anchor="middle">
                {d.label.length > 7 ? d.label.slice(5) : d.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal bars with labels and values: costs by model, project or user. */
export function HBars({ data, format, testId }: { data: Series[]; format: (v: number) => string; testId: string }) {
  const max = Math.max(1e-9, ...data.map((d) => d.value));
  return (
    <div class="hbars" data-testid={testId}>
      {data.map((d, i) => (
        <div class="hbar" key={d.label}>
          <span class="hbar-label" title={d.label}>{d.label}</span>
          <span class="hbar-track">
            <span class="hbar-fill" style={{ width: `${(d.value / max) * 100}%`, background: PALETTE[i % PALETTE.length] }} />
          </span>
          <span class="hbar-value">{format(d.value)}</span>
        </div>
      ))}
    </div>
  );
}

export const costFormat = formatCost;
export const tokenFormat = formatTokens;
