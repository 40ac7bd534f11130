import "server-only";
import { db } from "@/lib/db";
import { verifyToken, type VerifiedToken } from "@/lib/tokens/store";

/** The live token for a secret, on the app's database client; null when unknown or revoked. */
export function verifyApiToken(secret: string): Promise<VerifiedToken | null> {
  return verifyToken(db, secret);
}
