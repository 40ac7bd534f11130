import { afterAll, inject } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createTestDatabase } from "@/lib/test/databases";

/**
 * Gives the calling test file its own migrated database and points DATABASE_URL at it. Import the
 * modules under test afterwards (dynamic import), so lib/env.ts and lib/db.ts read this URL.
 */
export async function setUpTestDatabase() {
  const database = await createTestDatabase(inject("testServerUrl"), inject("templateDatabase"));
  process.env.DATABASE_URL = database.url;
  afterAll(async () => {
    const global = globalThis as { tidingsPrisma?: PrismaClient };
    await global.tidingsPrisma?.$disconnect();
    await database.drop();
  });
  return database;
}
