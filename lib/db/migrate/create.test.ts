import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase } from "@/lib/test/databases";
import {
  LOCKFILE_CONTENT,
  migrationTimestamp,
  normaliseMigrationName,
  writeMigration,
} from "./folder";
import { NOTE_SCHEMA, tempProject } from "./fixtures";
import { applyMigrations, createMigration, MigrationError, schemaDrift } from "./index";

const serverUrl = inject("testServerUrl");

describe("createMigration", () => {
  let project: Awaited<ReturnType<typeof tempProject>>;
  beforeAll(async () => {
    project = await tempProject({});
  });
  afterAll(() => project.cleanup());

  it("writes the first migration and Prisma's lockfile for a new schema", async () => {
    const { directory, sql } = await createMigration(serverUrl, "init", project.options);

    expect(directory).toMatch(/[/\\]\d{14}_init$/);
    expect(sql).toContain('CREATE TABLE "Note"');
    expect(sql).not.toContain("CREATE SCHEMA");
    expect(await readFile(path.join(directory!, "migration.sql"), "utf8")).toBe(sql);
    expect(
      await readFile(path.join(project.options.migrationsDir, "migration_lock.toml"), "utf8"),
    ).toBe(LOCKFILE_CONTENT);
  });

  it("writes nothing when the schema is unchanged", async () => {
    expect(await createMigration(serverUrl, "again", project.options)).toEqual({
      directory: null,
      sql: "",
    });
    expect(await readdir(project.options.migrationsDir)).toHaveLength(2);
  });

  it("writes only the change for a changed schema, and the result applies cleanly", async () => {
    await writeFile(
      project.options.schemaPath,
      NOTE_SCHEMA.replace("body String", "body String\n  pinned Boolean @default(false)"),
    );
    expect((await schemaDrift(serverUrl, project.options)).inSync).toBe(false);

    const { directory, sql } = await createMigration(serverUrl, "add_pinned", project.options);

    expect(directory).toMatch(/_add_pinned$/);
    expect(sql).toContain(
      'ALTER TABLE "Note" ADD COLUMN     "pinned" BOOLEAN NOT NULL DEFAULT false',
    );
    expect(sql).not.toContain("CREATE TABLE");
    expect(await schemaDrift(serverUrl, project.options)).toEqual({ inSync: true, sql: "" });
    const db = await createTestDatabase(serverUrl);
    try {
      expect((await applyMigrations(db.url, project.options)).applied).toHaveLength(2);
    } finally {
      await db.drop();
    }
  });

  it("rejects names that are not lowercase letters, digits and underscores", async () => {
    await expect(createMigration(serverUrl, "Bad-Name", project.options)).rejects.toThrow(
      MigrationError,
    );
    await expect(createMigration(serverUrl, "", project.options)).rejects.toThrow(
      /Invalid migration name/,
    );
  });
});

describe("migration names", () => {
  it("normalises what people type", () => {
    expect(normaliseMigrationName("  Add Posts-table ")).toBe("add_posts_table");
  });

  it("uses Prisma's UTC YYYYMMDDHHMMSS prefix", () => {
    expect(migrationTimestamp(new Date("2025-03-04T05:06:07.890Z"))).toBe("20250304050607");
  });

  it("always sorts a new migration last, even within the same second", async () => {
    const project = await tempProject({ "29991231235959_future": "SELECT 1;" });
    try {
      const directory = await writeMigration(project.options.migrationsDir, "next", "SELECT 2;");
      expect(path.basename(directory)).toBe("30000101000000_next");
    } finally {
      await project.cleanup();
    }
  });
});
