import { createPrismaClient } from "@/lib/db/client";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

/** Runs `work` with a Prisma client on `url` (for the token CLIs), then disconnects it. */
export async function withTokenClient<T>(
  url: string,
  work: (client: PrismaClient) => Promise<T>,
): Promise<T> {
  // Errors reach the person through printError once; Prisma need not log them too.
  const client = createPrismaClient(url, ["warn"]);
  try {
    return await work(client);
  } catch (error) {
    // P2021: table missing, i.e. a database the app has never migrated.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2021") {
      throw new Error(
        "This database has no API token table yet: run `npm run db:migrate` (or start the app once), then try again.",
      );
    }
    throw error;
  } finally {
    await client.$disconnect();
  }
}

/** A time for lists: UTC to the minute, or "never"/"—". */
export function formatTime(date: Date | null, empty = "—"): string {
  return date ? `${date.toISOString().slice(0, 16).replace("T", " ")}Z` : empty;
}

/** Left-aligned columns separated by two spaces; the first row is the header. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  "),
    )
    .join("\n");
}
