/**
 * A request the collector cannot read at all (HTTP 400, gRPC INVALID_ARGUMENT). `reason` is a short stable
 * code the rejection counters use; the message names what is wrong and where.
 */
export class OtlpDecodeError extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.name = 'OtlpDecodeError';
    this.reason = reason;
  }
}
