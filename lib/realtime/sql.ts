import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** Anything that runs one SQL statement: the Prisma client, a Prisma transaction, or a `pg` pool/client. */
export type LogClient = PrismaClient | Prisma.TransactionClient | PgQueryable;

/** The part of `pg.Pool` / `pg.Client` / `pg.PoolClient` the log needs. */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

type PrismaRaw = { $queryRawUnsafe: (sql: string, ...values: unknown[]) => Promise<unknown> };

/** Runs `sql` with positional `$n` parameters on any LogClient and returns its rows. */
export async function queryRows<Row>(
  client: LogClient,
  sql: string,
  params: unknown[],
): Promise<Row[]> {
  // A property read, not `in`: lib/db.ts's client is a Proxy whose target is empty.
  const raw = (client as Partial<PrismaRaw>).$queryRawUnsafe;
  if (typeof raw === "function") {
    return (await raw.call(client, sql, ...params)) as Row[];
  }
  const result = await (client as PgQueryable).query(sql, params);
  return result.rows as Row[];
}
