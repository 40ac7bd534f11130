/**
 * Prisma migrations without Prisma's native engine: the same `_prisma_migrations` table, checksums,
 * advisory lock and folder layout as `prisma migrate deploy/dev/status`, through the wasm schema
 * engine (see /work/shared/design/PRISMA-OFFLINE.md). Server-side Node only.
 *
 * - applyMigrations: apply pending migrations (migrate deploy)
 * - migrationStatus: pending / failed / edited / unknown migrations (migrate status)
 * - createMigration: write the next migration from the schema (migrate dev --create-only)
 * - schemaDrift: do the migrations produce exactly schema.prisma?
 * - markMigrationRolledBack: clear a failed migration after fixing it (migrate resolve --rolled-back)
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NO_FILTERS, withSchemaEngine, type SchemaSource } from "./engine";
import { MigrationError } from "./errors";
import { assertMigrationName, readMigrations, writeMigration } from "./folder";

export { MigrationError } from "./errors";
export { assertMigrationName, normaliseMigrationName } from "./folder";

const PRISMA_DIR = fileURLToPath(new URL("../../../prisma", import.meta.url));

export interface MigrateOptions {
  /** Defaults to the repo's prisma/schema.prisma. */
  schemaPath?: string;
  /** Defaults to the repo's prisma/migrations. */
  migrationsDir?: string;
}

function resolvePaths(options: MigrateOptions = {}) {
  return {
    schemaPath: path.resolve(options.schemaPath ?? path.join(PRISMA_DIR, "schema.prisma")),
    migrationsDir: path.resolve(options.migrationsDir ?? path.join(PRISMA_DIR, "migrations")),
  };
}

async function readSchema(schemaPath: string): Promise<SchemaSource> {
  const content = await readFile(schemaPath, "utf8").catch((error: Error) => {
    throw new MigrationError(`Cannot read the Prisma schema at ${schemaPath}: ${error.message}`);
  });
  return { path: schemaPath, content };
}

/**
 * Applies every pending migration, in name order, each in one transaction, under Prisma's advisory
 * lock (concurrent callers wait). Throws a MigrationError: code EDITED when an applied migration's
 * file changed, P3009 when the database holds a failed migration, P3018 when one fails now (it is
 * rolled back and recorded as failed).
 */
export async function applyMigrations(
  url: string,
  options?: MigrateOptions,
): Promise<{ applied: string[] }> {
  const { schemaPath, migrationsDir } = resolvePaths(options);
  const [schema, migrationsList] = await Promise.all([
    readSchema(schemaPath),
    readMigrations(migrationsDir),
  ]);
  const output = await withSchemaEngine(url, schema, async (engine) => {
    // The engine, like `migrate deploy`, ignores edited files; applying on a changed history is unsafe.
    const { editedMigrationNames } = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    });
    if (editedMigrationNames.length > 0) {
      throw new MigrationError(
        `Applied migrations were edited afterwards: ${editedMigrationNames.join(", ")}. ` +
          "Restore their migration.sql and put changes in a new migration.",
        "EDITED",
      );
    }
    return engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
  });
  return { applied: output.appliedMigrationNames };
}

export interface MigrationStatus {
  /** In the folder and finished in the database (including edited ones). */
  applied: string[];
  /** In the folder, not yet applied. */
  pending: string[];
  /** Started but failed in the database, not rolled back; blocks applyMigrations. */
  failed: string[];
  /** Applied, but migration.sql changed since (checksum differs). */
  edited: string[];
  /** Applied in the database but missing from the folder. */
  unknown: string[];
  /** Whether `_prisma_migrations` exists yet. */
  hasMigrationsTable: boolean;
  /** Nothing pending, failed, edited or unknown. */
  clean: boolean;
}

/** Compares the database's migration history with the folder (no shadow database, no changes). */
export async function migrationStatus(
  url: string,
  options?: MigrateOptions,
): Promise<MigrationStatus> {
  const { schemaPath, migrationsDir } = resolvePaths(options);
  const [schema, migrationsList] = await Promise.all([
    readSchema(schemaPath),
    readMigrations(migrationsDir),
  ]);
  const diagnosis = await withSchemaEngine(url, schema, (engine) =>
    engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTERS,
    }),
  );
  const history = diagnosis.history;
  const pending =
    history && "unappliedMigrationNames" in history ? history.unappliedMigrationNames : [];
  const unknown =
    history && "unpersistedMigrationNames" in history ? history.unpersistedMigrationNames : [];
  const failed = diagnosis.failedMigrationNames;
  const edited = diagnosis.editedMigrationNames;
  const notApplied = new Set([...pending, ...failed]);
  const applied = migrationsList.migrationDirectories
    .map((directory) => directory.path)
    .filter((name) => !notApplied.has(name));
  const clean = [pending, failed, edited, unknown].every((names) => names.length === 0);
  return {
    applied,
    pending,
    failed,
    edited,
    unknown,
    hasMigrationsTable: diagnosis.hasMigrationsTable,
    clean,
  };
}

/** SQL from the migrations folder (replayed on a shadow database on the server of `url`) to the schema. */
async function diffMigrationsToSchema(url: string, options?: MigrateOptions) {
  const { schemaPath, migrationsDir } = resolvePaths(options);
  const [schema, migrations] = await Promise.all([
    readSchema(schemaPath),
    readMigrations(migrationsDir, true),
  ]);
  const result = await withSchemaEngine(url, schema, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...migrations },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    }),
  );
  // exitCode 2 means "there is a difference"; 0 means none.
  return { changed: result.exitCode !== 0, sql: result.stdout ?? "", migrationsDir };
}

/** Does replaying the migrations folder give exactly the schema? `sql` is what would fix it. */
export async function schemaDrift(
  url: string,
  options?: MigrateOptions,
): Promise<{ inSync: boolean; sql: string }> {
  const { changed, sql } = await diffMigrationsToSchema(url, options);
  return { inSync: !changed, sql: changed ? sql : "" };
}

/**
 * Writes `<migrations>/<YYYYMMDDHHMMSS>_<name>/migration.sql` with the SQL that brings the folder's
 * result up to the schema. Writes nothing (directory null) when they already agree. `name` must
 * match /^[a-z0-9_]+$/ (see normaliseMigrationName).
 */
export async function createMigration(
  url: string,
  name: string,
  options?: MigrateOptions,
): Promise<{ directory: string | null; sql: string }> {
  assertMigrationName(name);
  const { changed, sql, migrationsDir } = await diffMigrationsToSchema(url, options);
  if (!changed) return { directory: null, sql: "" };
  return { directory: await writeMigration(migrationsDir, name, sql), sql };
}

/** Marks a failed migration as rolled back so applyMigrations runs it again (after you fix it). */
export async function markMigrationRolledBack(
  url: string,
  migrationName: string,
  options?: MigrateOptions,
): Promise<void> {
  const { schemaPath } = resolvePaths(options);
  await withSchemaEngine(url, await readSchema(schemaPath), (engine) =>
    engine.markMigrationRolledBack({ migrationName }),
  );
}
