import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/test/test-database";
import { openSse, quietLog, startStreamServer, until } from "@/lib/realtime/test-support";

const database = await setUpTestDatabase();
const { Hub } = await import("@/lib/realtime/hub");
const { publish } = await import("@/lib/realtime/log");
const { LISTEN_APPLICATION_NAME } = await import("@/lib/realtime/listener");
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
afterAll(() => pool.end());

describe("poll mode (REALTIME_MODE=poll)", () => {
  it("delivers events with no LISTEN connection", async () => {
    const hub = new Hub({ databaseUrl: database.url, mode: "poll", pollMs: 100, log: quietLog });
    await hub.start();
    const server = await startStreamServer(hub);
    try {
      expect(hub.listener).toBeUndefined();
      const { rows } = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
        [LISTEN_APPLICATION_NAME],
      );
      expect(rows[0]?.n).toBe(0);
      const client = await openSse(server.url, "/api/stream?topics=polled");
      const ids = await publish(pool, [{ topic: "polled", type: "tick", payload: 1 }]);
      await until(() => client.ids().length === 1);
      expect(client.ids()).toEqual(ids);
    } finally {
      await server.close();
      await hub.close();
    }
  });
});
