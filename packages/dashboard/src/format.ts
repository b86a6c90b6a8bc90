const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdSmall = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 4, maximumFractionDigits: 4 });
const int = new Intl.NumberFormat('en-US');

export const formatCost = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : v !== 0 && Math.abs(v) < 0.01 ? usdSmall.format(v) : usd.format(v));
export const formatInt = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : int.format(v));
export const formatTokens = (v: number): string => (v >= 1e6 ? `${(v / 1e6).toFixed(2)}M` : v >= 1e4 ? `${(v / 1e3).toFixed(1)}k` : int.format(v));

export const formatDuration = (ms: number | null | undefined): string => {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${Math.round(s % 60)}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
};

export const formatTime = (iso: string): string => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

export const totalTokens = (t: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number }): number =>
  t.inputTokens + t.outputTokens + t.cacheReadTokens + t.cacheWriteTokens;

/** UUIDs shortened to their first block; short ids (the demo's) whole. */
export const shortId = (id: string): string => (id.length <= 12 ? id : id.slice(0, 8));
export const shortHash = (h: string | null): string => (h ? h.slice(0, 10) : '—');
