// Small numeric helpers for reporting.

export const median = (xs) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export const formatMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

export const formatMiB = (kb) => `${(kb / 1024).toFixed(0)} MiB`;

export const formatRatio = (x) => `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
