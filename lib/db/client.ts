import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type PrismaLogLevel = "query" | "warn" | "error";

/** Builds a Prisma client for `url`. The app uses the one in lib/db.ts; CLIs and tests call this. */
export function createPrismaClient(
  url: string,
  log: PrismaLogLevel[] = ["warn", "error"],
): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log });
}
