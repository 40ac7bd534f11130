import { randomBytes } from "node:crypto";
import pg from "pg";
import { quoteIdent as quote, withDatabaseName } from "@/lib/db/url";


async function admin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabaseName(url, "postgres") });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(url: string, name: string, template?: string) {
  await admin(url, (c) =>
    c.query(`CREATE DATABASE ${quote(name)}${template ? ` TEMPLATE ${quote(template)}` : ""}`),
  );
}

export async function dropDatabase(url: string, name: string) {
  await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
}

/** A fresh database for one test file; `drop()` removes it. */
export async function createTestDatabase(
  serverUrl: string,
  template?: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `tidings_test_${randomBytes(6).toString("hex")}`;
  await createDatabase(serverUrl, name, template);
  return { url: withDatabaseName(serverUrl, name), name, drop: () => dropDatabase(serverUrl, name) };
}
