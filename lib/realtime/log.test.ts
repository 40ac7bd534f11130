import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/test/test-database";

const database = await setUpTestDatabase();
const log = await import("@/lib/realtime/log");
const { createBatcher } = await import("@/lib/realtime/batcher");
const { db } = await import("@/lib/db");
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
afterAll(() => pool.end());

const event = (topic: string, n: number) => ({ topic, type: "tick", payload: { n } });

describe("the event log", () => {
  beforeAll(() => db.$executeRawUnsafe(`TRUNCATE "event" RESTART IDENTITY`));

  it("appends many events in one statement, ids ascending in input order", async () => {
    const ids = await log.publish(db, [event("a", 1), event("b", 2), event("a", 3)]);
    expect(ids).toHaveLength(3);
    expect(ids[1]! - ids[0]!).toBe(1n);
    expect(ids[2]! - ids[1]!).toBe(1n);
    const read = await log.readAfter(ids[0]! - 1n, { limit: 10 });
    expect(read.map((e) => e.payload)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(read[0]?.audience).toEqual({ kind: "everyone" });
    expect(Math.abs(read[0]!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("filters by topic and limit, and keeps the audience", async () => {
    const start = await log.latestId();
    await log.publish(pool, [
      { ...event("c", 1), audience: { kind: "role", role: "admin" } },
      { ...event("d", 2), audience: { kind: "user", userId: "u1" } },
      event("c", 3),
    ]);
    const onlyC = await log.readAfter(start, { topics: ["c"], limit: 10, client: pool });
    expect(onlyC.map((e) => e.payload)).toEqual([{ n: 1 }, { n: 3 }]);
    expect(onlyC[0]?.audience).toEqual({ kind: "role", role: "admin" });
    const all = await log.readAfter(start, { limit: 2 });
    expect(all.map((e) => e.topic)).toEqual(["c", "d"]);
    expect(all[1]?.audience).toEqual({ kind: "user", userId: "u1" });
  });

  it("commits with the caller's transaction, and not at all when it rolls back", async () => {
    const before = await log.latestId();
    await expect(
      db.$transaction(async (tx) => {
        await log.publish(tx, [event("rollback", 1)]);
        throw new Error("domain write failed");
      }),
    ).rejects.toThrow("domain write failed");
    expect(await log.readAfter(before, { topics: ["rollback"], limit: 10 })).toEqual([]);
    const [id] = await db.$transaction((tx) => log.publish(tx, [event("commit", 1)]));
    expect((await log.readAfter(before, { limit: 10 })).map((e) => e.id)).toEqual([id]);
  });

  it("sends one NOTIFY per append, only at commit", async () => {
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const seen: string[] = [];
    listener.on("notification", (n) => seen.push(n.channel));
    await listener.query(`LISTEN ${log.NOTIFY_CHANNEL}`);
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await log.publish(client, [event("n", 1)]);
      await listener.query("SELECT 1");
      expect(seen).toEqual([]);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    await expect.poll(() => seen, { timeout: 5000 }).toEqual([log.NOTIFY_CHANNEL]);
    await listener.end();
  });

  it("rejects malformed events with a typed error and writes nothing", async () => {
    const before = await log.latestId();
    const bad = [
      [{ topic: "Bad", type: "x", payload: 1 }, "topic"],
      [{ topic: "ok", type: "a b", payload: 1 }, "type"],
      [{ topic: "ok", type: "x", payload: undefined }, "payload"],
      [{ topic: "ok", type: "x", payload: 1, audience: { kind: "role", role: "" } }, "audience"],
      [{ topic: "ok", type: "x", payload: 1n }, "payload"],
    ] as const;
    for (const [input, field] of bad) {
      const error = await log
        .publish(db, [event("ok", 0), input as never])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(log.InvalidEventError);
      expect((error as InstanceType<typeof log.InvalidEventError>).field).toBe(field);
    }
    expect(await log.latestId()).toBe(before);
  });

  it("reports bounds and prunes by age", async () => {
    const { oldest, latest } = await log.logBounds();
    expect(oldest).not.toBeNull();
    expect(await log.oldestId()).toBe(oldest);
    expect(await log.latestId()).toBe(latest);
    expect(await log.pruneOlderThan(new Date(Date.now() - 60_000))).toBe(0);
    await db.$executeRawUnsafe(
      `UPDATE "event" SET "createdAt" = "createdAt" - interval '8 days' WHERE "id" < ${latest}`,
    );
    const pruned = await log.pruneOlderThan(new Date(Date.now() - 7 * 86_400_000));
    expect(pruned).toBeGreaterThan(0);
    expect(await log.oldestId()).toBe(latest);
  });

  it("reads in id order past ten (numeric, not text, order)", async () => {
    const ids = await log.publish(
      db,
      Array.from({ length: 12 }, (_, i) => event("order", i)),
    );
    const read = await log.readAfter(ids[0]! - 1n, { topics: ["order"], limit: 100 });
    expect(read.map((e) => e.id)).toEqual(ids);
  });

  it("batches concurrent publishes into few appends, each caller getting its own ids", async () => {
    let statements = 0;
    const counting = {
      query: (text: string, values?: unknown[]) => (statements++, pool.query(text, values)),
    };
    const batcher = createBatcher(counting, { maxDelayMs: 5 });
    const calls = Array.from({ length: 2000 }, (_, i) => batcher.publish([event("batch", i)]));
    const ids = (await Promise.all(calls)).flat();
    expect(statements).toBeLessThanOrEqual(4);
    expect(new Set(ids).size).toBe(2000);
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    const read = await log.readAfter(ids[0]! - 1n, { topics: ["batch"], limit: 2000 });
    expect(read.map((e) => (e.payload as { n: number }).n)).toEqual(calls.map((_, i) => i));
    await expect(batcher.publish([{ topic: "X", type: "t", payload: 1 }])).rejects.toThrow(
      log.InvalidEventError,
    );
    await batcher.flush();
  });
});
