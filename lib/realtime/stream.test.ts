import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/test/test-database";
import { openSse, streamHarness, tick, until } from "@/lib/realtime/test-support";

const database = await setUpTestDatabase();
const { Hub } = await import("@/lib/realtime/hub");
const { publish, pruneOlderThan, logBounds } = await import("@/lib/realtime/log");

const { pool, hubWithServer } = streamHarness(Hub, database.url, { pollMs: 200 });

describe("a stream", () => {
  it("starts with retry and SSE headers, and sends id, topic.type and the payload as data", async () => {
    const { server } = await hubWithServer();
    const client = await openSse(server.url, "/api/stream?topics=wire");
    expect(client.status).toBe(200);
    expect(client.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(client.headers["cache-control"]).toBe("no-cache, no-transform");
    expect(client.headers["x-accel-buffering"]).toBe("no");
    expect(client.headers["content-encoding"]).toBeUndefined();
    const [id] = await publish(pool, [{ topic: "wire", type: "said", payload: { text: "a\nb" } }]);
    await until(() => client.events().length === 1);
    expect(client.body()).toBe(
      `retry: 3000\n\nid: ${id}\nevent: wire.said\ndata: {"text":"a\\nb"}\n\n`,
    );
  });

  it("resumes after Last-Event-ID mid-burst with no gap and no duplicate", async () => {
    const { server } = await hubWithServer();
    const first = await openSse(server.url, "/api/stream?topics=burst");
    const published: bigint[] = [];
    let stop = false;
    const burst = (async () => {
      for (let n = 0; !stop || n < 60; n++) {
        published.push(...(await publish(pool, [tick("burst", n), tick("burst", n)])));
      }
    })();
    await until(() => first.ids().length >= 20);
    first.close();
    const seen = first.ids();
    const last = seen.at(-1)!.toString();
    const byHeader = await openSse(server.url, "/api/stream?topics=burst", {
      "Last-Event-ID": last,
    });
    const byQuery = await openSse(server.url, `/api/stream?topics=burst&lastEventId=${last}`);
    await until(() => byHeader.ids().length >= 20);
    stop = true;
    await burst;
    const expected = published.filter((id) => id >= seen[0]!);
    for (const resumed of [byHeader, byQuery]) {
      await until(() => seen.length + resumed.ids().length >= expected.length);
      expect([...seen, ...resumed.ids()]).toEqual(expected);
    }
  });

  it("replays 10,000 missed events in order, in pages, to one reconnecting client", async () => {
    const { server } = await hubWithServer();
    const start = (await logBounds(pool)).latest ?? 0n;
    const ids: bigint[] = [];
    for (let page = 0; page < 10; page++) {
      const events = Array.from({ length: 1000 }, (_, i) => tick("missed", page * 1000 + i));
      ids.push(...(await publish(pool, events)));
    }
    const started = performance.now();
    const client = await openSse(server.url, `/api/stream?topics=missed&lastEventId=${start}`);
    await until(() => client.ids().length === ids.length);
    console.info(`replayed 10,000 events in ${Math.round(performance.now() - started)} ms`);
    expect(client.ids()).toEqual(ids);
  });

  it("says reset when Last-Event-ID is older than the retained history, then goes live", async () => {
    const { server } = await hubWithServer();
    const ids = await publish(
      pool,
      [1, 2, 3, 4, 5].map((n) => tick("old", n)),
    );
    await pool.query(
      `UPDATE "event" SET "createdAt" = "createdAt" - interval '8 days' WHERE "id" <= $1`,
      [ids[3]!.toString()],
    );
    await pruneOlderThan(new Date(Date.now() - 7 * 86_400_000), pool);
    const { oldest, latest } = await logBounds(pool);
    expect(oldest).toBe(ids[4]);
    const stale = await openSse(server.url, `/api/stream?topics=old&lastEventId=${ids[0]}`);
    const edge = await openSse(server.url, `/api/stream?topics=old&lastEventId=${ids[3]}`);
    const ahead = await openSse(
      server.url,
      `/api/stream?topics=old&lastEventId=${latest! + 1000n}`,
    );
    const hasReset = (client: typeof stale) => client.frames.some((f) => f.event === "reset");
    await until(() => hasReset(stale) && hasReset(ahead) && edge.ids().length === 1);
    const [live] = await publish(pool, [tick("old", 6)]);
    for (const client of [stale, edge, ahead]) await until(() => client.ids().includes(live!));
    const reset = stale.frames.find((frame) => frame.event === "reset");
    expect(reset?.id).toBe(latest!.toString());
    expect(JSON.parse(reset!.data!)).toMatchObject({
      reason: "pruned",
      latestId: latest!.toString(),
    });
    expect(stale.ids()).toEqual([live]);
    expect(edge.frames.some((frame) => frame.event === "reset")).toBe(false);
    expect(edge.ids()).toEqual([ids[4], live]);
    const unknown = ahead.frames.find((frame) => frame.event === "reset");
    expect(JSON.parse(unknown!.data!)).toMatchObject({ reason: "unknown-id" });
  });

  it("sends private events only to their audience, live and on replay", async () => {
    const { server } = await hubWithServer();
    const start = (await logBounds(pool)).latest ?? 0n;
    const open = (headers: Record<string, string>) =>
      openSse(server.url, "/api/stream?topics=private", headers);
    const anonymous = await open({});
    const admin = await open({ "x-test-roles": "admin" });
    const ada = await open({ "x-test-user": "ada" });
    const ids = await publish(pool, [
      tick("private", 1, { audience: { kind: "role", role: "admin" } }),
      tick("private", 2, { audience: { kind: "user", userId: "ada" } }),
      tick("private", 3),
    ]);
    const [adminOnly, adaOnly, everyone] = ids;
    for (const client of [anonymous, admin, ada])
      await until(() => client.ids().includes(everyone!));
    expect(anonymous.ids()).toEqual([everyone]);
    expect(admin.ids()).toEqual([adminOnly, everyone]);
    expect(ada.ids()).toEqual([adaOnly, everyone]);
    const replayed = await openSse(server.url, `/api/stream?topics=private&lastEventId=${start}`);
    await until(() => replayed.ids().includes(everyone!));
    expect(replayed.ids()).toEqual([everyone]);
  });
});
