import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  isDriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { quoteIdent, withDatabaseName } from "@/lib/db/url";
import { patchClientQuery, withCharColumns } from "./char-columns";

/**
 * A pool whose plain queries all run on one session: the engine's advisory lock is a session lock,
 * and pg-pool would otherwise destroy that connection (and the lock) on the first query error.
 * Transactions still get their own pooled connections.
 */
function openSessionPool(connectionString: string): { pool: pg.Pool; end: () => Promise<void> } {
  const pool = new pg.Pool({ connectionString });
  pool.on("connect", patchClientQuery);
  // A dropped idle connection must not crash the process; the next query reports the problem.
  pool.on("error", () => {});
  let session: Promise<pg.PoolClient> | undefined;
  const openSession = async () => {
    const client = await pool.connect();
    client.on("error", () => {});
    return client;
  };
  const query = (config: pg.QueryConfig) =>
    (session ??= openSession()).then((client) => client.query(config));
  Object.assign(pool, { query });
  return {
    pool,
    end: async () => {
      const client = await session?.catch(() => undefined);
      client?.release();
      await pool.end();
    },
  };
}

async function runAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * An adapter-pg adapter whose scripts run as one statement batch (one implicit transaction).
 * `onScriptError` receives PostgreSQL's own message, which the engine's rewording loses.
 */
async function connectAdapter(
  pool: pg.Pool,
  onScriptError: (message: string) => void,
): Promise<SqlDriverAdapter> {
  const adapter = await new PrismaPg(pool).connect();
  // adapter-pg splits scripts on ";" and autocommits each piece: breaks $$ bodies, half-applies failures.
  adapter.executeScript = async (script) => {
    try {
      // No parameters: pg sends it with the simple protocol, which accepts many statements.
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    } catch (error) {
      if (isDriverAdapterError(error) && error.cause.originalMessage)
        onScriptError(error.cause.originalMessage);
      throw error;
    }
  };
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) =>
    withCharColumns(await startTransaction(isolationLevel));
  return withCharColumns(adapter);
}

/** A migration-aware adapter factory for the schema engine, and how to close everything it opened. */
export interface EngineConnection {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** PostgreSQL's message for the last migration script that failed, if any. */
  lastScriptError(): string | undefined;
  close(): Promise<void>;
}

export function openEngineConnection(url: string): EngineConnection {
  const pools = new Map<pg.Pool, () => Promise<void>>();
  const shadows = new Set<string>();
  let scriptError: string | undefined;
  const onScriptError = (message: string) => {
    scriptError = message;
  };

  const createPool = (connectionString: string) => {
    const { pool, end } = openSessionPool(connectionString);
    pools.set(pool, end);
    return pool;
  };
  const endPool = async (pool: pg.Pool) => {
    const end = pools.get(pool);
    pools.delete(pool);
    await end?.();
  };
  const dropShadow = async (name: string) => {
    if (!shadows.delete(name)) return;
    const drop = `DROP DATABASE IF EXISTS ${quoteIdent(name)}`;
    // WITH (FORCE) needs PostgreSQL 13+; older servers get the plain form (our pool is closed already).
    await runAdmin(url, `${drop} WITH (FORCE)`).catch((error: { code?: string }) =>
      error.code === "42601" ? runAdmin(url, drop) : Promise.reject(error as Error),
    );
  };

  let mainPool: pg.Pool | undefined;
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectAdapter((mainPool ??= createPool(url)), onScriptError),
    // adapter-pg creates the shadow database but then connects to the main one.
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await runAdmin(url, `CREATE DATABASE ${quoteIdent(name)}`);
      shadows.add(name);
      const pool = createPool(withDatabaseName(url, name));
      const adapter = await connectAdapter(pool, onScriptError);
      adapter.dispose = async () => {
        await endPool(pool);
        await dropShadow(name);
      };
      return adapter;
    },
  };

  return {
    factory,
    lastScriptError: () => scriptError,
    async close() {
      await Promise.all([...pools.keys()].map(endPool));
      await Promise.all([...shadows].map(dropShadow));
    },
  };
}
