interface SeriesState {
  startNs: bigint;
  timeNs: bigint;
  value: number;
}

/** What to store for one cumulative point: its delta, or nothing when it repeats or precedes what was seen. */
export type CumulativeStep = { kind: 'delta'; value: number } | { kind: 'stale' };

/**
 * Turns cumulative points into deltas per series, so summing stored points gives the right total whatever
 * temporality the exporter used. It keeps the last point of each series in memory (bounded; the oldest
 * series is forgotten first). A series seen for the first time, or whose start time changed, or whose value
 * went down (a reset), counts its whole value. A point at or before the last one seen is a retry or out of
 * order and is not stored again.
 */
export class CumulativeTracker {
  private readonly series = new Map<string, SeriesState>();
  constructor(private readonly capacity = 100_000) {}

  step(key: string, startNs: bigint, timeNs: bigint, value: number): CumulativeStep {
    const prev = this.series.get(key);
    if (prev && prev.startNs === startNs && timeNs <= prev.timeNs) return { kind: 'stale' };
    if (prev) this.series.delete(key);
    else if (this.series.size >= this.capacity) {
      const oldest = this.series.keys().next().value;
      if (oldest !== undefined) this.series.delete(oldest);
    }
    this.series.set(key, { startNs, timeNs, value });
    if (!prev || prev.startNs !== startNs || value < prev.value) return { kind: 'delta', value };
    return { kind: 'delta', value: value - prev.value };
  }

  get size(): number {
    return this.series.size;
  }
}
