import type { Writable } from 'node:stream';

/** JSON with bigint nanosecond timestamps written as decimal strings (as OTLP JSON does). */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);

export const writeJson = (out: Writable, value: unknown): void => {
  out.write(`${toJson(value)}\n`);
};

export const writeLine = (out: Writable, line = ''): void => {
  out.write(`${line}\n`);
};

const ANSI = { bold: '1', dim: '2', red: '31', green: '32', yellow: '33', cyan: '36' } as const;
export type Style = keyof typeof ANSI;
export const paint = (enabled: boolean, style: Style, text: string): string =>
  enabled ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;

// eslint-disable-next-line no-control-regex
const ANSI_RE = /\u001b\[[0-9;]*m/g;
const visibleLength = (s: string): number => s.replace(ANSI_RE, '').length;

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** A plain box-free table: header, a rule, rows; numbers right-aligned. */
export const renderTable = (columns: readonly Column[], rows: readonly (readonly string[])[], footer?: readonly string[]): string => {
  const all = footer ? [...rows, footer] : rows;
  const widths = columns.map((c, i) => Math.max(visibleLength(c.header), ...all.map((r) => visibleLength(r[i] ?? ''))));
  const fmt = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - visibleLength(cell)));
        return columns[i]?.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const lines = [fmt(columns.map((c) => c.header)), rule, ...rows.map(fmt)];
  if (footer) lines.push(rule, fmt(footer));
  return `${lines.join('\n')}\n`;
};

export const formatInt = (n: number): string => Math.round(n).toLocaleString('en-US');
export const formatUsd = (n: number | null): string => (n === null ? 'unknown' : `$${n.toFixed(2)}`);
export const formatUsdPrecise = (n: number | null): string => (n === null ? 'unknown' : `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`);

export const formatDuration = (ms: number | null): string => {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  const m = Math.floor(totalSeconds / 60);
  if (m < 60) return `${m}m${String(totalSeconds % 60).padStart(2, '0')}s`;
  const totalMinutes = Math.round(ms / 60_000);
  return `${Math.floor(totalMinutes / 60)}h${String(totalMinutes % 60).padStart(2, '0')}m`;
};

export const formatBytes = (n: number): string => {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
};
