import { createPrismaClient, type PrismaLogLevel } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// One client per process, kept on globalThis so hot reloads in development reuse it.
const globalForPrisma = globalThis as unknown as { tidingsPrisma?: PrismaClient };

function client(): PrismaClient {
  if (globalForPrisma.tidingsPrisma) return globalForPrisma.tidingsPrisma;
  // The launcher (npm run dev / npm start) sets it after starting or finding the database.
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start Tidings with `npm run dev` or `npm start`.");
  }
  const log: PrismaLogLevel[] =
    env.NODE_ENV === "development" ? ["query", "warn", "error"] : ["warn", "error"];
  return (globalForPrisma.tidingsPrisma = createPrismaClient(env.DATABASE_URL, log));
}

/** The Prisma client. Created on first use, so `next build` can import routes without a database. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const target = client();
    const value: unknown = Reflect.get(target, property, target);
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  },
});
