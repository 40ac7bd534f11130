import net from "node:net";
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/test/test-database";
import { openSse, parseFrames, until, streamHarness, tick } from "@/lib/realtime/test-support";

const database = await setUpTestDatabase();
const { Hub } = await import("@/lib/realtime/hub");
const { publish } = await import("@/lib/realtime/log");
const { streamResponse } = await import("@/lib/realtime/web-adapter");

const { pool, hubWithServer } = streamHarness(Hub, database.url, { pollMs: 200 });

describe("stream limits", () => {
  it("drops a subscriber that stops reading while another keeps receiving everything", async () => {
    const { hub, server } = await hubWithServer({ queueLimit: 40 });
    const fast = await openSse(server.url, "/api/stream?topics=flood");
    const { port } = new URL(server.url);
    const slow = net.connect(Number(port), "127.0.0.1");
    slow.write("GET /api/stream?topics=flood HTTP/1.1\r\nHost: x\r\n\r\n");
    await new Promise((resolve) => slow.once("data", resolve));
    slow.pause();
    const slowClosed = new Promise((resolve) => slow.once("close", resolve));
    await until(() => hub.streamCount === 2);
    const big = "x".repeat(64 * 1024);
    const ids: bigint[] = [];
    // Batches below the queue limit: a client that reads keeps up, one that does not falls behind.
    for (let batch = 0; batch < 100 && hub.streamCount === 2; batch++) {
      ids.push(
        ...(await publish(
          pool,
          Array.from({ length: 10 }, () => tick("flood", 0, { payload: big })),
        )),
      );
      await until(() => fast.ids().length === ids.length);
    }
    expect(hub.streamCount).toBe(1);
    slow.resume(); // it reads what the kernel buffered, then sees the connection closed
    await slowClosed;
    const more = await publish(pool, [tick("flood", 1)]);
    await until(() => fast.ids().length === ids.length + 1);
    expect(fast.ids()).toEqual([...ids, ...more]);
  });

  it("replays more than its queue holds, page by page, while live events overflow what it holds", async () => {
    // Poll mode with no timer: the hub reads the log only when the test wakes it.
    const { hub, server } = await hubWithServer({ queueLimit: 5, mode: "poll", pollMs: 60_000 });
    const start = (await publish(pool, [tick("pages", 0)]))[0]!;
    const big = "y".repeat(64 * 1024);
    const events = Array.from({ length: 60 }, (_, n) => tick("pages", n, { payload: big }));
    const ids = await publish(pool, events);
    const client = await openSse(server.url, `/api/stream?topics=pages&lastEventId=${start}`);
    await hub.wake(); // 60 live events reach the replaying stream, which holds at most 5
    const more = await publish(pool, [tick("pages", 61)]);
    await hub.wake();
    await until(() => client.ids().length === ids.length + 1);
    expect(client.ids()).toEqual([...ids, ...more]);
    expect(hub.streamCount).toBe(1);
  });

  it("reads the log again when live events overflowed what it held during its last replay query", async () => {
    let injected: bigint[] | undefined;
    const late: { hub?: InstanceType<typeof Hub> } = {};
    const client = {
      async query(text: string, values?: unknown[]) {
        const result = await pool.query(text, values);
        // After the replay's read and before it returns: ten events commit and reach the stream live.
        if (!injected && text.includes("string_to_array")) {
          injected = await publish(
            pool,
            Array.from({ length: 10 }, (_, n) => tick("overflow", n)),
          );
          await late.hub!.wake();
        }
        return result;
      },
    };
    const started = await hubWithServer({ queueLimit: 5, mode: "poll", pollMs: 60_000, client });
    const hub = (late.hub = started.hub);
    const [start] = await publish(pool, [tick("overflow", -1)]);
    await hub.wake();
    const stream = await openSse(
      started.server.url,
      `/api/stream?topics=overflow&lastEventId=${start}`,
    );
    await until(() => injected !== undefined && stream.ids().length >= injected.length);
    const [last] = await publish(pool, [tick("overflow", 10)]);
    await hub.wake();
    await until(() => stream.ids().includes(last!));
    expect(stream.ids()).toEqual([...injected!, last]);
  });

  it("ends at its maximum lifetime with a retry frame", async () => {
    const { hub, server } = await hubWithServer({ maxLifetimeMs: 300, retryMs: 1234 });
    const started = Date.now();
    const client = await openSse(server.url, "/api/stream?topics=short");
    await client.ended;
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const retry = Number(client.frames.at(-1)?.retry);
    expect(retry).toBeGreaterThanOrEqual(1234);
    expect(retry).toBeLessThan(2468);
    expect(client.frames[0]).toEqual({ retry: "1234" });
    expect(hub.streamCount).toBe(0);
  });

  it.each([
    ["", "topics_required"],
    ["?topics=", "topics_required"],
    ["?topics=News", "invalid_topic"],
    ["?topics=a,,b", "invalid_topic"],
    ["?topics=a%0Ab", "invalid_topic"],
    [`?topics=${Array.from({ length: 33 }, (_, i) => `t${i}`).join(",")}`, "too_many_topics"],
  ])("answers %s with 400 and a JSON error", async (query, code) => {
    const { server } = await hubWithServer();
    const response = await fetch(`${server.url}/api/stream${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it("answers 503 once the hub has shut down", async () => {
    const { hub, server } = await hubWithServer();
    await hub.close();
    const response = await fetch(`${server.url}/api/stream?topics=late`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("unavailable");
  });
});

describe("the Web stream adapter (Next route handler)", () => {
  it("streams the same frames, replays, and unsubscribes when the request aborts", async () => {
    const { hub } = await hubWithServer();
    const [before] = await publish(pool, [tick("web", 1)]);
    const abort = new AbortController();
    const request = new Request(`http://x/api/stream?topics=web&lastEventId=${before! - 1n}`, {
      signal: abort.signal,
    });
    const response = await streamResponse(hub, request);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const [after] = await publish(pool, [tick("web", 2)]);
    while (!text.includes(`id: ${after}\n`)) text += decoder.decode((await reader.read()).value);
    const ids = parseFrames(text)
      .frames.filter((f) => f.id)
      .map((f) => f.id);
    expect(ids).toEqual([String(before), String(after)]);
    expect(hub.presence().get("web")).toBe(1);
    abort.abort();
    expect(hub.presence().get("web")).toBeUndefined();
    const bad = await streamResponse(hub, new Request("http://x/api/stream?topics=BAD"));
    expect(bad.status).toBe(400);
  });
  it("cuts a Web stream whose reader stops reading", async () => {
    const { hub } = await hubWithServer({ queueLimit: 3 });
    const response = await streamResponse(hub, new Request("http://x/api/stream?topics=webslow"));
    const reader = response.body!.getReader();
    await publish(
      pool,
      Array.from({ length: 100 }, (_, n) => tick("webslow", n)),
    );
    await until(() => hub.presence().get("webslow") === undefined);
    await expect(reader.read()).rejects.toThrow("Stream fell behind");
  });
});
