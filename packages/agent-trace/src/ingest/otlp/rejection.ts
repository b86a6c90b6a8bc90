/** One record the collector refused, with a stable reason code (for the counters) and a message naming it. */
export interface Rejection {
  reason: string;
  message: string;
}

/** Rejections kept in full per request; the rest are only counted (the response message names the first). */
export const MAX_REJECTIONS_KEPT = 20;

export class RejectionList {
  readonly kept: Rejection[] = [];
  count = 0;
  readonly byReason = new Map<string, number>();

  add(reason: string, message: string): void {
    this.count++;
    this.byReason.set(reason, (this.byReason.get(reason) ?? 0) + 1);
    if (this.kept.length < MAX_REJECTIONS_KEPT) this.kept.push({ reason, message });
  }

  /** The partial-success message: the first rejections, and how many more. */
  summary(): string {
    if (this.count === 0) return '';
    const shown = this.kept.slice(0, 3).map((r) => r.message);
    const more = this.count - shown.length;
    return `${this.count} rejected: ${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
  }
}
