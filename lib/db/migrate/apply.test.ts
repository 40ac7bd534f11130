import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "@/lib/test/databases";
import { query, tableNames, tempProject } from "./fixtures";
import { applyMigrations } from "./index";

const serverUrl = inject("testServerUrl");
const REPO_MIGRATIONS = path.resolve(import.meta.dirname, "../../../prisma/migrations");

type MigrationRow = { migration_name: string; checksum: string; finished_at: Date | null };

describe("applyMigrations on the repo's migrations", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let names: string[];
  beforeAll(async () => {
    db = await createTestDatabase(serverUrl);
    names = (await readdir(REPO_MIGRATIONS, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  });
  afterAll(() => db.drop());

  it("creates the tables on an empty database and records every migration like Prisma", async () => {
    expect(names.length).toBeGreaterThan(0);
    expect(await tableNames(db.url)).toEqual([]);

    const { applied } = await applyMigrations(db.url);

    expect(applied).toEqual(names);
    expect(await tableNames(db.url)).toEqual(
      expect.arrayContaining(["_prisma_migrations", "user"]),
    );
    const rows = await query<MigrationRow>(
      db.url,
      "SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name",
    );
    for (const [index, name] of names.entries()) {
      const sql = await readFile(path.join(REPO_MIGRATIONS, name, "migration.sql"));
      // Same checksum as `prisma migrate deploy` stores: sha256 of the file, hex.
      expect(rows[index]).toMatchObject({
        migration_name: name,
        checksum: createHash("sha256").update(sql).digest("hex"),
        finished_at: expect.any(Date) as unknown,
      });
    }
  });

  it("applies nothing the second time", async () => {
    expect(await applyMigrations(db.url)).toEqual({ applied: [] });
    const rows = await query(db.url, "SELECT count(*)::int AS n FROM _prisma_migrations");
    expect(rows).toEqual([{ n: names.length }]);
  });
});

describe("applyMigrations semantics", () => {
  it("runs a script as a whole: $$ bodies with semicolons work", async () => {
    const project = await tempProject({
      "1_function": `CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN x + 1;
END;
$$;`,
    });
    const db = await createTestDatabase(serverUrl);
    try {
      expect(await applyMigrations(db.url, project.options)).toEqual({ applied: ["1_function"] });
      expect(await query(db.url, "SELECT add_one(41) AS n")).toEqual([{ n: 42 }]);
    } finally {
      await db.drop();
      await project.cleanup();
    }
  });

  it("serializes concurrent runs: both succeed, each migration is applied once", async () => {
    const project = await tempProject({
      "1_slow": "CREATE TABLE slow (id int); SELECT pg_sleep(0.5);",
      "2_next": "CREATE TABLE next (id int);",
    });
    const db = await createTestDatabase(serverUrl);
    try {
      const results = await Promise.all([
        applyMigrations(db.url, project.options),
        applyMigrations(db.url, project.options),
        applyMigrations(db.url, project.options),
      ]);
      const applied = results.flatMap((result) => result.applied).sort();
      expect(applied).toEqual(["1_slow", "2_next"]);
      const rows = await query<{ migration_name: string }>(
        db.url,
        "SELECT migration_name FROM _prisma_migrations ORDER BY 1",
      );
      expect(rows.map((row) => row.migration_name)).toEqual(["1_slow", "2_next"]);
      // Every engine connection (and the advisory lock with it) is closed again.
      const others = () =>
        query<{ n: number }>(
          db.url,
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
        );
      await expect.poll(others, { timeout: 2000 }).toEqual([{ n: 0 }]);
    } finally {
      await db.drop();
      await project.cleanup();
    }
  });
});
