import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "@/lib/test/databases";
import { query, tableNames, tempProject, writeMigrationFile } from "./fixtures";
import { applyMigrations, markMigrationRolledBack, MigrationError, migrationStatus } from "./index";

const serverUrl = inject("testServerUrl");

describe("migrationStatus and failures", () => {
  let project: Awaited<ReturnType<typeof tempProject>>;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    project = await tempProject({
      "1_notes": 'CREATE TABLE "Note" (id serial PRIMARY KEY, body text NOT NULL);',
    });
    db = await createTestDatabase(serverUrl);
  });
  afterAll(async () => {
    await db.drop();
    await project.cleanup();
  });

  it("reports pending migrations on a fresh database", async () => {
    const status = await migrationStatus(db.url, project.options);
    expect(status).toMatchObject({
      pending: ["1_notes"],
      applied: [],
      failed: [],
      edited: [],
      clean: false,
    });
    expect(status.hasMigrationsTable).toBe(false);
  });

  it("is clean once applied", async () => {
    await applyMigrations(db.url, project.options);
    const status = await migrationStatus(db.url, project.options);
    expect(status).toMatchObject({
      applied: ["1_notes"],
      pending: [],
      failed: [],
      edited: [],
      clean: true,
    });
  });

  it("rolls a failing migration back completely and reports it as failed", async () => {
    await writeMigrationFile(
      project.options.migrationsDir,
      "2_broken",
      "CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);\nSELECT 1 / 0;",
    );

    const failure = await applyMigrations(db.url, project.options).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).code).toBe("P3018");
    expect((failure as MigrationError).message).toContain("division by zero");
    expect((failure as MigrationError).message).not.toMatch(/sql_schema_connector::/);
    expect(await tableNames(db.url)).toEqual(["Note", "_prisma_migrations"]);
    const status = await migrationStatus(db.url, project.options);
    expect(status).toMatchObject({ failed: ["2_broken"], clean: false });
  });

  it("refuses to apply on top of a failed migration until it is marked rolled back", async () => {
    await expect(applyMigrations(db.url, project.options)).rejects.toMatchObject({ code: "P3009" });

    await writeMigrationFile(
      project.options.migrationsDir,
      "2_broken",
      "CREATE TABLE half (id int);",
    );
    await markMigrationRolledBack(db.url, "2_broken", project.options);

    expect(await applyMigrations(db.url, project.options)).toEqual({ applied: ["2_broken"] });
    expect((await migrationStatus(db.url, project.options)).clean).toBe(true);
  });

  it("reports an applied migration whose file changed, and refuses to apply", async () => {
    const file = path.join(project.options.migrationsDir, "1_notes", "migration.sql");
    await writeFile(file, 'CREATE TABLE "Note" (id serial PRIMARY KEY, body text);');

    const status = await migrationStatus(db.url, project.options);

    expect(status).toMatchObject({ edited: ["1_notes"], pending: [], clean: false });
    await expect(applyMigrations(db.url, project.options)).rejects.toMatchObject({
      code: "EDITED",
    });
    expect(await query(db.url, "SELECT count(*)::int AS n FROM _prisma_migrations")).toEqual([
      { n: 3 },
    ]);
  });
});
