import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbedded, type DatabaseServer } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { withDatabaseName } from "@/lib/db/url";
import { createDatabase, dropDatabase } from "@/lib/test/databases";

declare module "vitest" {
  export interface ProvidedContext {
    /** A URL on the test server whose user may create databases. */
    testServerUrl: string;
    /** A migrated database to copy (CREATE DATABASE … TEMPLATE). */
    templateDatabase: string;
  }
}

/**
 * One throwaway PostgreSQL for the run: embedded in a temp folder, or the server of DATABASE_URL.
 * A migrated template database is made once; each test file copies it (see lib/test/databases.ts).
 */
export default async function setup(project: TestProject) {
  let server: DatabaseServer;
  if (process.env.DATABASE_URL) {
    server = { url: process.env.DATABASE_URL, origin: "external", release: () => Promise.resolve() };
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "tidings-test-pg-"));
    server = await startEmbedded({ dataDir, persistent: false });
  }
  const template = `tidings_template_${process.pid}_${Date.now().toString(36)}`;
  await createDatabase(server.url, template);
  await applyMigrations(withDatabaseName(server.url, template));
  project.provide("testServerUrl", server.url);
  project.provide("templateDatabase", template);

  return async () => {
    await dropDatabase(server.url, template).catch(() => {});
    await server.release();
  };
}
