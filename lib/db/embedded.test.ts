import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  acquireDatabase,
  createDatabaseIfMissing,
  runningPort,
  startEmbedded,
} from "@/lib/db/embedded";
import { withDatabaseName } from "@/lib/db/url";
import { dropDatabase } from "@/lib/test/databases";

const folders: string[] = [];
async function tempDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "tidings-embedded-test-"));
  folders.push(dir);
  await chmod(dir, 0o755); // as root, PostgreSQL runs as another user that must reach its folder
  return dir;
}
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

async function canQuery(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return (await client.query<{ ok: number }>("SELECT 1 AS ok")).rows[0]?.ok === 1;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

describe("embedded PostgreSQL", () => {
  it("uses DATABASE_URL as it is and starts nothing", async () => {
    const server = await acquireDatabase({
      databaseUrl: "postgresql://u:p@h:1/d",
      dataDir: "/nonexistent",
    });
    expect(server).toMatchObject({ url: "postgresql://u:p@h:1/d", origin: "external" });
  });

  it("starts, is attached to by a second caller, and stops cleanly", async () => {
    const dataDir = path.join(await tempDir(), "pg");
    const first = await acquireDatabase({ dataDir });
    expect(first.origin).toBe("started");
    expect(await canQuery(first.url)).toBe(true);

    const second = await acquireDatabase({ dataDir });
    expect(second).toMatchObject({ origin: "attached", url: first.url });
    await second.release();
    expect(await canQuery(first.url)).toBe(true);

    await first.release();
    expect(await canQuery(first.url)).toBe(false);
    expect(await runningPort(dataDir)).toBeUndefined();
  });

  it("keeps data between runs of a persistent folder", async () => {
    const dataDir = path.join(await tempDir(), "pg");
    const first = await startEmbedded({ dataDir });
    const write = new pg.Client({ connectionString: first.url });
    await write.connect();
    await write.query("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
    await write.end();
    await first.release();

    const again = await startEmbedded({ dataDir });
    const read = new pg.Client({ connectionString: again.url });
    await read.connect();
    expect((await read.query("SELECT v FROM kept")).rows).toEqual([{ v: 42 }]);
    await read.end();
    await again.release();
  });

  it("ignores a stale postmaster.pid", async () => {
    const dataDir = await tempDir();
    await writeFile(path.join(dataDir, "postmaster.pid"), "999999\n/x\n0\n5432\n\n\n\nready\n");
    expect(await runningPort(dataDir)).toBeUndefined();
  });
});

describe("createDatabaseIfMissing", () => {
  it("creates a missing database once, then leaves it alone", async () => {
    const server = inject("testServerUrl");
    const name = `tidings_missing_${Date.now().toString(36)}`;
    const url = withDatabaseName(server, name);
    try {
      expect(await canQuery(url)).toBe(false);
      expect(await createDatabaseIfMissing(url)).toBe(true);
      expect(await canQuery(url)).toBe(true);
      expect(await createDatabaseIfMissing(url)).toBe(false);
    } finally {
      await dropDatabase(server, name);
    }
  });
});
