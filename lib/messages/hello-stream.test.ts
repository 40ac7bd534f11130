import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HELLO_MESSAGE, helloStream } from "@/lib/messages/hello-stream";

const decoder = new TextDecoder();

function open(headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const request = new Request("http://test/events", { headers, signal: abort.signal });
  const response = helloStream(request, { intervalMs: 5000, heartbeatMs: 15_000 });
  const reader = response.body!.getReader();
  const next = async () => decoder.decode((await reader.read()).value);
  return { response, reader, next, abort };
}

function parseFrame(frame: string) {
  const id = /^id: (.+)$/m.exec(frame)?.[1];
  const data = /^data: (.+)$/m.exec(frame)?.[1];
  return {
    id,
    data: data ? (JSON.parse(data) as { message: string; timestamp: string }) : undefined,
  };
}

describe("the seed-parity message stream", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"] });
    vi.setSystemTime(new Date("2026-01-02T03:04:05.678Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("sends SSE headers, retry, and a message at once", async () => {
    const { response, next, abort } = open();
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    expect(await next()).toBe("retry: 3000\n\n");
    const first = parseFrame(await next());
    expect(first.id).toBe("1");
    expect(first.data).toEqual({ message: HELLO_MESSAGE, timestamp: "2026-01-02T03:04:05.678Z" });
    abort.abort();
  });

  it("sends one message every interval with increasing ids, and a heartbeat", async () => {
    const { next, abort } = open();
    await next();
    await next();
    vi.advanceTimersByTime(5000);
    const second = parseFrame(await next());
    expect(second.id).toBe("2");
    expect(second.data?.timestamp).toBe("2026-01-02T03:04:10.678Z");
    vi.advanceTimersByTime(10_000);
    expect(parseFrame(await next()).id).toBe("3");
    expect(parseFrame(await next()).id).toBe("4");
    expect(await next()).toBe(": ping\n\n");
    abort.abort();
  });

  it("continues after the Last-Event-ID of a reconnect", async () => {
    const { next, abort } = open({ "Last-Event-ID": "41" });
    await next();
    expect(parseFrame(await next()).id).toBe("42");
    abort.abort();
  });

  it("clears its timers and ends when the client goes away", async () => {
    const { next, reader, abort } = open();
    await next();
    expect(vi.getTimerCount()).toBe(2);
    abort.abort();
    expect(vi.getTimerCount()).toBe(0);
    await next(); // the first message, already queued
    expect((await reader.read()).done).toBe(true);
  });

  it("clears its timers when the reader cancels", async () => {
    const { reader } = open();
    await reader.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });
});
