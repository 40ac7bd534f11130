import type { PrismaClient } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { NewToken } from "@/lib/tokens/schema";
import { displayPrefix, generateSecret, hashSecret, looksLikeToken } from "@/lib/tokens/secret";

/** Any Prisma client: the app's `db`, or one a CLI or test created. */
export type TokenClient = Pick<PrismaClient, "apiToken">;

/** A token as lists show it: everything but its hash. */
export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  topics: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What a request authenticated with a token may rely on. */
export interface VerifiedToken {
  id: string;
  name: string;
  topics: string[];
}

export type RevokeResult =
  | { status: "revoked"; token: TokenSummary }
  | { status: "already_revoked"; token: TokenSummary }
  | { status: "not_found" }
  | { status: "ambiguous"; matches: TokenSummary[] };

/** lastUsedAt is kept to the minute, so a busy token costs one extra write a minute, not one a request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

const summary = {
  id: true,
  name: true,
  prefix: true,
  topics: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

/** Stores a new token and returns it with its secret, which exists nowhere else afterwards. */
export async function createToken(
  client: TokenClient,
  input: NewToken,
): Promise<{ token: TokenSummary; secret: string }> {
  const secret = generateSecret();
  const token = await client.apiToken.create({
    data: {
      id: newId(),
      name: input.name,
      topics: input.topics,
      tokenHash: hashSecret(secret),
      prefix: displayPrefix(secret),
    },
    select: summary,
  });
  return { token, secret };
}

/**
 * The live token whose secret this is, or null (malformed, unknown or revoked). Looked up by hash,
 * so the secret itself is never compared character by character.
 */
export async function verifyToken(
  client: TokenClient,
  secret: string,
  now: Date = new Date(),
): Promise<VerifiedToken | null> {
  if (!looksLikeToken(secret)) return null;
  const found = await client.apiToken.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: { id: true, name: true, topics: true, lastUsedAt: true, revokedAt: true },
  });
  if (!found || found.revokedAt) return null;
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!found.lastUsedAt || found.lastUsedAt <= stale) {
    await client.apiToken
      .updateMany({
        where: { id: found.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
        data: { lastUsedAt: now },
      })
      // Bookkeeping only: a failed update must not turn away a valid request.
      .catch((error: unknown) => console.error("Could not record API token use:", error));
  }
  return { id: found.id, name: found.name, topics: found.topics };
}

/** Every token, oldest first (ids are time-ordered). */
export async function listTokens(client: TokenClient): Promise<TokenSummary[]> {
  return client.apiToken.findMany({ select: summary, orderBy: { id: "asc" } });
}

/** Revokes the token with this id or display prefix (`tdg_…`). Revoking is immediate and final. */
export async function revokeToken(
  client: TokenClient,
  idOrPrefix: string,
  now: Date = new Date(),
): Promise<RevokeResult> {
  const key = idOrPrefix.trim();
  if (!key) return { status: "not_found" };
  const matches = await client.apiToken.findMany({
    where: { OR: [{ id: key }, { prefix: key }] },
    select: summary,
    orderBy: { id: "asc" },
  });
  const [token] = matches;
  if (!token) return { status: "not_found" };
  if (matches.length > 1) return { status: "ambiguous", matches };
  if (token.revokedAt) return { status: "already_revoked", token };
  await client.apiToken.updateMany({
    where: { id: token.id, revokedAt: null },
    data: { revokedAt: now },
  });
  const revoked = await client.apiToken.findUniqueOrThrow({
    where: { id: token.id },
    select: summary,
  });
  return { status: "revoked", token: revoked };
}
