/** Incremental decoder of HTTP/1.1 `Transfer-Encoding: chunked` bodies, passing byte ranges through. */
const SIZE = 0;
const EXTENSION = 1;
const DATA = 2;
const DATA_END = 3;
const DONE = 4;

export type RangeSink = (buf: Buffer, start: number, end: number) => void;

export class ChunkedDecoder {
  private state = SIZE;
  private size = 0;
  private remaining = 0;
  failed = false;

  constructor(private readonly sink: RangeSink) {}

  get done(): boolean {
    return this.state === DONE;
  }

  push(buf: Buffer, start = 0, end = buf.length): void {
    let i = start;
    while (i < end && !this.failed) {
      if (this.state === DATA) {
        const take = Math.min(this.remaining, end - i);
        this.sink(buf, i, i + take);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = DATA_END;
        continue;
      }
      const c = buf[i++] ?? 0;
      if (this.state === SIZE) {
        const v = hexValue(c);
        if (v >= 0) this.size = this.size * 16 + v;
        else if (c === 10) this.endOfSizeLine();
        else if (c === 59 || c === 32 || c === 9) this.state = EXTENSION;
        else if (c !== 13) this.failed = true;
      } else if (this.state === EXTENSION) {
        if (c === 10) this.endOfSizeLine();
      } else if (this.state === DATA_END) {
        if (c === 10) this.state = SIZE;
        else if (c !== 13) this.failed = true;
      } else return;
    }
  }

  private endOfSizeLine(): void {
    this.remaining = this.size;
    this.size = 0;
    this.state = this.remaining === 0 ? DONE : DATA;
  }
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
