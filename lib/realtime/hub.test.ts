import { describe, expect, it, vi } from "vitest";
import { setUpTestDatabase } from "@/lib/test/test-database";
import { countingPool, openSse, until, streamHarness, tick } from "@/lib/realtime/test-support";

const database = await setUpTestDatabase();
const { Hub } = await import("@/lib/realtime/hub");
const { publish } = await import("@/lib/realtime/log");
const { PING } = await import("@/lib/realtime/sse");
const { ANONYMOUS } = await import("@/lib/realtime/types");

const { pool, hubWithServer, afterTest } = streamHarness(Hub, database.url, { pollMs: 60_000 });

/** In-memory sinks: every chunk each subscriber was given, by identity. */
function memorySink() {
  const chunks: Uint8Array[] = [];
  return { chunks, write: (c: Uint8Array) => chunks.push(c) > 0, end() {}, destroy() {} };
}

describe("the hub", () => {
  it("sends nothing uncommitted or rolled back, and a committed event once committed", async () => {
    const { hub, server } = await hubWithServer();
    const client = await openSse(server.url, "/api/stream?topics=commit");
    const tx = await pool.connect();
    try {
      await tx.query("BEGIN");
      const [pending] = await publish(tx, [tick("commit", 1)]);
      await hub.wake();
      await tx.query("ROLLBACK");
      await tx.query("BEGIN");
      const [committed] = await publish(tx, [tick("commit", 2)]);
      await hub.wake();
      expect(client.ids()).toEqual([]);
      await tx.query("COMMIT");
      await until(() => client.ids().length === 1);
      expect(client.ids()).toEqual([committed]);
      expect(client.ids()).not.toContain(pending);
      expect(client.events()[0]).toMatchObject({ event: "commit.tick", data: '{"n":2}' });
    } finally {
      tx.release();
    }
  });

  it("never lets a later append commit ahead of an earlier one (the hub would skip it)", async () => {
    const { server } = await hubWithServer();
    const client = await openSse(server.url, "/api/stream?topics=race");
    const tx = await pool.connect();
    try {
      await tx.query("BEGIN");
      const [early] = await publish(tx, [tick("race", 1)]);
      const late = publish(pool, [tick("race", 2)]);
      const waiting = async () =>
        (
          await pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          )
        ).rows[0]?.n;
      await expect.poll(waiting, { timeout: 5000 }).toBe(1);
      await tx.query("COMMIT");
      const [second] = await late;
      await until(() => client.ids().length === 2);
      expect(client.ids()).toEqual([early, second]);
    } finally {
      tx.release();
    }
  });

  it("delivers an event whose NOTIFY was lost, through the safety poll", async () => {
    const { server } = await hubWithServer({ pollMs: 100 });
    const client = await openSse(server.url, "/api/stream?topics=quiet");
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO "event" ("topic", "type", "payload") VALUES ('quiet', 'tick', '{}') RETURNING "id"::text AS id`,
    );
    await until(() => client.ids().length === 1);
    expect(client.ids()).toEqual([BigInt(rows[0]!.id)]);
  });

  it("loses nothing when its LISTEN backend is killed, and listens again", async () => {
    const { hub, server } = await hubWithServer({ pollMs: 60_000 });
    const client = await openSse(server.url, "/api/stream?topics=kill");
    const oldPid = hub.listener!.pid!;
    await pool.query("SELECT pg_terminate_backend($1)", [oldPid]);
    const first = await publish(pool, [tick("kill", 1), tick("kill", 2)]);
    await until(() => client.ids().length === 2);
    await until(() => hub.listener!.pid !== undefined && hub.listener!.pid !== oldPid);
    const second = await publish(pool, [tick("kill", 3)]);
    await until(() => client.ids().length === 3);
    expect(client.ids()).toEqual([...first, ...second]);
  });

  it("runs two instances on one database: every subscriber gets every event once, in id order", async () => {
    const a = await hubWithServer({ pollMs: 500 });
    const b = await hubWithServer({ pollMs: 500 });
    const clients = await Promise.all(
      [a, a, a, b, b, b].map(({ server }) => openSse(server.url, "/api/stream?topics=both,other")),
    );
    const batches = Array.from({ length: 40 }, (_, i) =>
      publish(i % 2 ? a.hub.client : b.hub.client, [tick("both", i), tick("other", i)]),
    );
    const ids = (await Promise.all(batches)).flat().sort((x, y) => (x < y ? -1 : 1));
    for (const client of clients) await until(() => client.ids().length >= ids.length);
    for (const client of clients) expect(client.ids()).toEqual(ids);
  });

  it("runs one catch-up query per wake-up, whatever the number of subscribers", async () => {
    const counter = countingPool(database.url);
    afterTest(() => counter.end());
    const { server } = await hubWithServer({ client: counter });
    const first = await openSse(server.url, "/api/stream?topics=count");
    let before = counter.count;
    await publish(pool, [tick("count", 1)]);
    await until(() => first.ids().length === 1);
    expect(counter.count - before).toBe(1);
    const many = await Promise.all(
      Array.from({ length: 25 }, () => openSse(server.url, "/api/stream?topics=count,x")),
    );
    before = counter.count;
    await publish(pool, [tick("count", 2)]);
    await until(() => many.every((client) => client.ids().length === 1));
    expect(counter.count - before).toBe(1);
  });

  it("coalesces concurrent wake-ups into one query and at most one follow-up", async () => {
    const counter = countingPool(database.url);
    afterTest(() => counter.end());
    const { hub } = await hubWithServer({ client: counter });
    const before = counter.count;
    await Promise.all(Array.from({ length: 20 }, () => hub.wake()));
    expect(counter.count - before).toBeLessThanOrEqual(2);
  });

  it("prunes events past retention when it starts", async () => {
    const [old, fresh] = await publish(pool, [tick("aged", 1), tick("aged", 2)]);
    await pool.query(
      `UPDATE "event" SET "createdAt" = "createdAt" - interval '8 days' WHERE "id" = $1`,
      [old!.toString()],
    );
    await hubWithServer({ retentionDays: 7 });
    const ids = async () =>
      (
        await pool.query<{ id: string }>(
          `SELECT "id"::text AS id FROM "event" WHERE "topic" = 'aged'`,
        )
      ).rows.map((row) => BigInt(row.id));
    await expect.poll(ids, { timeout: 5000 }).toEqual([fresh]);
  });

  it("encodes each frame once and gives every subscriber the same bytes", async () => {
    const { hub } = await hubWithServer();
    const sinks = [memorySink(), memorySink(), memorySink()];
    for (const sink of sinks) {
      hub.subscribe({ topics: ["shared"], viewer: ANONYMOUS, sink }).goLive(hub.cursor);
    }
    await publish(pool, [tick("shared", 1)]);
    await until(() => sinks.every((sink) => sink.chunks.length === 1));
    expect(sinks[1]!.chunks[0]).toBe(sinks[0]!.chunks[0]);
    expect(sinks[2]!.chunks[0]).toBe(sinks[0]!.chunks[0]);
  });

  it("uses one heartbeat timer for all streams, and counts presence per topic", async () => {
    const { hub } = await hubWithServer({ heartbeatMs: 50, maxLifetimeMs: 60_000 });
    const setIntervalSpy = vi.spyOn(globalThis, "setInterval");
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    const sinks = Array.from({ length: 10 }, memorySink);
    const subscribers = sinks.map((sink, i) =>
      hub.subscribe({ topics: i % 2 ? ["p", "q"] : ["p"], viewer: ANONYMOUS, sink }),
    );
    subscribers.forEach((subscriber) => subscriber.goLive(hub.cursor));
    expect(setIntervalSpy).not.toHaveBeenCalled();
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1); // the lifetime timer, armed for the oldest
    vi.restoreAllMocks();
    await until(() => sinks.every((sink) => sink.chunks.includes(PING)));
    expect(Object.fromEntries(hub.presence())).toEqual({ p: 10, q: 5 });
    subscribers.slice(0, 4).forEach((subscriber) => subscriber.close("client"));
    expect(Object.fromEntries(hub.presence())).toEqual({ p: 6, q: 3 });
  });
});
