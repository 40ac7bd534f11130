import type { PrismaClient } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";

export const DEMO_USERS = [
  { name: "Ada Lovelace", email: "ada@example.com" },
  { name: "Grace Hopper", email: "grace@example.com" },
  { name: "Alan Turing", email: "alan@example.com" },
  { name: "Katherine Johnson", email: "katherine@example.com" },
] as const;

/**
 * Adds the demo data to an empty database and leaves a used one alone, so deleting demo rows
 * sticks across restarts. Returns how many users it created.
 */
export async function seedDemoData(client: PrismaClient): Promise<number> {
  if ((await client.user.count()) > 0) return 0;
  const { count } = await client.user.createMany({
    data: DEMO_USERS.map((user) => ({ id: newId(), ...user })),
    skipDuplicates: true,
  });
  return count;
}
