/**
 * Export{Trace,Logs,Metrics}ServiceResponse in protobuf: partial_success (field 1) holding
 * rejected_<items> int64 (field 1) and error_message string (field 2). An empty message means full success.
 * The three responses share this layout, so one encoder serves every signal.
 */
const varint = (value: number, out: number[]): void => {
  let v = value;
  while (v > 0x7f) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
};

export const encodeExportResponse = (rejected: number, message: string): Buffer => {
  if (rejected === 0 && message === '') return Buffer.alloc(0);
  const inner: number[] = [];
  if (rejected > 0) {
    inner.push(0x08);
    varint(rejected, inner);
  }
  const text = Buffer.from(message, 'utf8');
  const head: number[] = [];
  if (text.length > 0) {
    inner.push(0x12);
    varint(text.length, inner);
  }
  const innerLength = inner.length + text.length;
  head.push(0x0a);
  varint(innerLength, head);
  return Buffer.concat([Buffer.from(head), Buffer.from(inner), text]);
};
