import { describe, expect, it } from "vitest";
import { encodeEvent, encodeRetry, lastEventId, PING } from "@/lib/realtime/sse";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("SSE encoding", () => {
  it("writes id, event and one line of JSON data", () => {
    const frame = text(encodeEvent({ id: "7", event: "news.published", data: { a: "x\ny" } }));
    expect(frame).toBe('id: 7\nevent: news.published\ndata: {"a":"x\\ny"}\n\n');
  });

  it("refuses ids and event names that would break the frame", () => {
    expect(() => encodeEvent({ id: "1\ndata: evil", data: 1 })).toThrow();
    expect(() => encodeEvent({ event: "a\rb", data: 1 })).toThrow();
  });

  it("writes retry and ping frames", () => {
    expect(text(encodeRetry(2500))).toBe("retry: 2500\n\n");
    expect(text(PING)).toBe(": ping\n\n");
  });
});

describe("lastEventId", () => {
  const request = (url: string, headers: Record<string, string> = {}) =>
    new Request(url, { headers });

  it("prefers the header, then the query parameter", () => {
    expect(lastEventId(request("http://x/?lastEventId=5", { "Last-Event-ID": "9" }))).toBe(9n);
    expect(lastEventId(request("http://x/?lastEventId=5"))).toBe(5n);
    expect(lastEventId(request("http://x/"))).toBeUndefined();
  });

  it("ignores ids that are not whole numbers", () => {
    expect(lastEventId(request("http://x/", { "Last-Event-ID": "abc" }))).toBeUndefined();
    expect(lastEventId(request("http://x/?lastEventId=-1"))).toBeUndefined();
    expect(lastEventId(request("http://x/?lastEventId=99999999999999999999"))).toBeUndefined();
  });
});
