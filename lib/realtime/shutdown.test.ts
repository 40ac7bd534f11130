import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/test/test-database";
import { openSse, until } from "@/lib/realtime/test-support";

const database = await setUpTestDatabase();
const { publish } = await import("@/lib/realtime/log");
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
afterAll(() => pool.end());

const root = path.resolve(import.meta.dirname, "../..");

describe("SIGTERM", () => {
  it("ends every open stream and exits within 5 s", { timeout: 40_000 }, async () => {
    const child = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      [path.join(root, "lib/realtime/fixtures/stream-server.ts")],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: database.url },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    try {
      const port = await new Promise<string>((resolve, reject) => {
        const lines = createInterface({ input: child.stdout });
        lines.on("line", (line) => {
          const match = /^listening (\d+)$/.exec(line);
          if (match) resolve(match[1]!);
        });
        child.once("exit", () => reject(new Error("the fixture exited before listening")));
      });
      const base = `http://127.0.0.1:${port}`;
      const streams = await Promise.all(
        Array.from({ length: 5 }, () => openSse(base, "/api/stream?topics=bye")),
      );
      const [id] = await publish(pool, [{ topic: "bye", type: "tick", payload: {} }]);
      await until(() => streams.every((stream) => stream.ids().includes(id!)));
      const signalled = Date.now();
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(5000);
      await Promise.all(streams.map((stream) => stream.ended));
      for (const stream of streams) expect(stream.body()).toMatch(/\nretry: \d+\n\n$/);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
