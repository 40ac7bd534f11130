import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/** A tiny schema for tests that must not depend on the app's models. */
export const NOTE_SCHEMA = `datasource db {
  provider = "postgresql"
}

model Note {
  id   Int    @id @default(autoincrement())
  body String
}
`;

/** A temp folder with schema.prisma and migrations/<name>/migration.sql for each entry. */
export async function tempProject(migrations: Record<string, string>, schema = NOTE_SCHEMA) {
  const root = await mkdtemp(path.join(os.tmpdir(), "tidings-migrate-"));
  const options = {
    schemaPath: path.join(root, "schema.prisma"),
    migrationsDir: path.join(root, "migrations"),
  };
  await writeFile(options.schemaPath, schema);
  for (const [name, sql] of Object.entries(migrations)) {
    await writeMigrationFile(options.migrationsDir, name, sql);
  }
  return { root, options, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export async function writeMigrationFile(migrationsDir: string, name: string, sql: string) {
  await mkdir(path.join(migrationsDir, name), { recursive: true });
  await writeFile(path.join(migrationsDir, name, "migration.sql"), sql);
}

/** Runs one query on its own connection and returns the rows. */
export async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

export async function tableNames(url: string): Promise<string[]> {
  const rows = await query<{ name: string }>(
    url,
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
  );
  return rows.map((row) => row.name);
}
