import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { NewUser, PublicUser } from "@/lib/users/schema";

const publicFields = { id: true, name: true, email: true } as const;

export class DuplicateEmailError extends Error {
  constructor() {
    super("A user with this email already exists.");
    this.name = "DuplicateEmailError";
  }
}

export async function listUsers(): Promise<PublicUser[]> {
  return db.user.findMany({ select: publicFields, orderBy: { id: "asc" } });
}

export async function createUser(input: NewUser): Promise<PublicUser> {
  try {
    return await db.user.create({ data: { id: newId(), ...input }, select: publicFields });
  } catch (error) {
    // The citext unique index compares emails regardless of case.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new DuplicateEmailError();
    }
    throw error;
  }
}
