/** Incremental SSE parser for the load generator: works on byte ranges, no strings per event. */
const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
const ID = Buffer.from("id");
const DATA = Buffer.from("data");
const EVENT = Buffer.from("event");
const RETRY = Buffer.from("retry");

export interface SseSink {
  /** A dispatched event: numeric `id:` (NaN if none), the payload's send time (NaN if none). */
  onEvent(id: number, sentAt: number, nameMatches: boolean): void;
  onRetry(ms: number): void;
  onComment(): void;
}

/** Parses ASCII digits in `buf[start, end)` (a decimal number, optional sign/fraction). */
export function parseNumber(buf: Buffer, start: number, end: number): number {
  let i = start;
  let sign = 1;
  if (buf[i] === 45) {
    sign = -1;
    i++;
  }
  let whole = 0;
  let digits = 0;
  for (; i < end; i++, digits++) {
    const c = (buf[i] ?? 0) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  if (digits === 0) return NaN;
  if (i < end && buf[i] === 46) {
    let scale = 1;
    let frac = 0;
    for (i++; i < end; i++) {
      const c = (buf[i] ?? 0) - 48;
      if (c < 0 || c > 9) break;
      frac = frac * 10 + c;
      scale *= 10;
    }
    whole += frac / scale;
  }
  // Exponents never appear for our timestamps; fall back to the slow path if they do.
  if (i < end && (buf[i] === 101 || buf[i] === 69))
    return Number(buf.toString("latin1", start, end));
  return sign * whole;
}

function fieldIs(buf: Buffer, start: number, colon: number, name: Buffer): boolean {
  return colon - start === name.length && buf.compare(name, 0, name.length, start, colon) === 0;
}

export class SseParser {
  private pending: Buffer | undefined;
  private id = NaN;
  private sentAt = NaN;
  private nameOk: boolean;
  private hasData = false;
  private readonly marker: Buffer;
  private readonly expected: Buffer | undefined;

  /** `marker` precedes the send time inside `data:` (e.g. `"t":`); `expectedEvent` the `event:` name. */
  constructor(
    private readonly sink: SseSink,
    marker = '"t":',
    expectedEvent?: string,
  ) {
    this.marker = Buffer.from(marker);
    this.expected = expectedEvent === undefined ? undefined : Buffer.from(expectedEvent);
    this.nameOk = this.expected === undefined;
  }

  push(buf: Buffer, start = 0, end = buf.length): void {
    let i = start;
    if (this.pending) {
      const lf = buf.indexOf(LF, i);
      if (lf === -1 || lf >= end) {
        this.pending = Buffer.concat([this.pending, buf.subarray(i, end)]);
        return;
      }
      const line = Buffer.concat([this.pending, buf.subarray(i, lf)]);
      this.pending = undefined;
      this.line(line, 0, line.length);
      i = lf + 1;
    }
    while (i < end) {
      const lf = buf.indexOf(LF, i);
      if (lf === -1 || lf >= end) {
        // Copy: the caller's buffer may be reused after we return.
        this.pending = Buffer.from(buf.subarray(i, end));
        return;
      }
      this.line(buf, i, lf);
      i = lf + 1;
    }
  }

  private line(buf: Buffer, start: number, end: number): void {
    if (end > start && buf[end - 1] === CR) end--;
    if (end === start) return this.dispatch();
    if (buf[start] === COLON) return this.sink.onComment();
    let colon = buf.indexOf(COLON, start);
    if (colon === -1 || colon > end) colon = end;
    let value = colon + 1;
    if (value < end && buf[value] === SPACE) value++;
    if (fieldIs(buf, start, colon, DATA)) {
      this.hasData = true;
      const at = buf.indexOf(this.marker, value);
      if (at !== -1 && at + this.marker.length < end) {
        this.sentAt = parseNumber(buf, at + this.marker.length, end);
      }
    } else if (fieldIs(buf, start, colon, ID)) {
      this.id = parseNumber(buf, value, end);
    } else if (fieldIs(buf, start, colon, EVENT)) {
      const e = this.expected;
      this.nameOk =
        e !== undefined &&
        end - value === e.length &&
        buf.compare(e, 0, e.length, value, end) === 0;
    } else if (fieldIs(buf, start, colon, RETRY)) {
      this.sink.onRetry(parseNumber(buf, value, end));
    }
  }

  private dispatch(): void {
    if (this.hasData) this.sink.onEvent(this.id, this.sentAt, this.nameOk);
    this.id = NaN;
    this.sentAt = NaN;
    this.hasData = false;
    this.nameOk = this.expected === undefined;
  }
}
