import { describe, expect, it } from "vitest";
import { ChunkedDecoder } from "./chunked";
import { SseParser, parseNumber, type SseSink } from "./sse-parser";

function collect(expected = "bench.tick") {
  const events: [number, number, boolean][] = [];
  const seen = { retry: [] as number[], comments: 0 };
  const sink: SseSink = {
    onEvent: (id, t, ok) => events.push([id, t, ok]),
    onRetry: (ms) => seen.retry.push(ms),
    onComment: () => seen.comments++,
  };
  return { parser: new SseParser(sink, '"t":', expected), events, seen };
}

const STREAM =
  "retry: 3000\n\n: ping\n\n" +
  'id: 7\nevent: bench.tick\ndata: {"t":1234.5,"seq":0}\n\n' +
  'id: 8\r\nevent: other.thing\r\ndata: {"seq":1}\r\n\r\n' +
  'id: 9\nevent: bench.tick\ndata: {"payload":{"seq":2,"t":99}}\n\n';

describe("SseParser", () => {
  it("parses ids, send times, event names, retry and comments", () => {
    const { parser, events, seen } = collect();
    parser.push(Buffer.from(STREAM));
    expect(events).toEqual([
      [7, 1234.5, true],
      [8, NaN, false],
      [9, 99, true],
    ]);
    expect(seen).toEqual({ retry: [3000], comments: 1 });
  });

  it("gives the same result whatever the chunk boundaries", () => {
    const bytes = Buffer.from(STREAM);
    for (let size = 1; size <= bytes.length; size++) {
      const { parser, events, seen } = collect();
      for (let i = 0; i < bytes.length; i += size) parser.push(bytes.subarray(i, i + size));
      expect(events.map(([id]) => id)).toEqual([7, 8, 9]);
      expect(events[0]).toEqual([7, 1234.5, true]);
      expect(seen.retry).toEqual([3000]);
    }
  });

  it("parses a byte range without touching bytes outside it", () => {
    const { parser, events } = collect();
    const bytes = Buffer.from(`XXXX${STREAM}YYYY`);
    parser.push(bytes, 4, bytes.length - 4);
    expect(events).toHaveLength(3);
  });
});

describe("parseNumber", () => {
  it("reads integers, fractions and signs up to the first non-digit", () => {
    const b = Buffer.from('12345.0625,"x"');
    expect(parseNumber(b, 0, b.length)).toBe(12345.0625);
    expect(parseNumber(Buffer.from("-3}"), 0, 3)).toBe(-3);
    expect(parseNumber(Buffer.from("x"), 0, 1)).toBeNaN();
    expect(parseNumber(Buffer.from("1.5e3"), 0, 5)).toBe(1500);
  });
});

describe("ChunkedDecoder", () => {
  it("reassembles a chunked SSE body split anywhere", () => {
    const body = Buffer.from(STREAM);
    const parts = [body.subarray(0, 20), body.subarray(20, 60), body.subarray(60)];
    const wire = Buffer.concat([
      ...parts.flatMap((p) => [
        Buffer.from(`${p.length.toString(16)};ext=1\r\n`),
        p,
        Buffer.from("\r\n"),
      ]),
      Buffer.from("0\r\n\r\n"),
    ]);
    for (const size of [1, 3, 7, wire.length]) {
      const { parser, events } = collect();
      const decoder = new ChunkedDecoder((buf, start, end) => parser.push(buf, start, end));
      for (let i = 0; i < wire.length; i += size) decoder.push(wire.subarray(i, i + size));
      expect(events.map(([id]) => id)).toEqual([7, 8, 9]);
      expect(decoder.done).toBe(true);
      expect(decoder.failed).toBe(false);
    }
  });

  it("flags a malformed size line", () => {
    const decoder = new ChunkedDecoder(() => {});
    decoder.push(Buffer.from("zz\r\n"));
    expect(decoder.failed).toBe(true);
  });
});
