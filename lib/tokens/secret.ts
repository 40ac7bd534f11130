import { createHash, randomBytes } from "node:crypto";

/** Every token starts with this, so leaked tokens are easy to recognise (and to scan for). */
export const TOKEN_PREFIX = "tdg_";

/** `tdg_` + 43 base64url characters (32 random bytes). */
export const TOKEN_PATTERN = /^tdg_[A-Za-z0-9_-]{43}$/;

/** Characters of the token kept in clear for lists: `tdg_` + 8 (48 of its 256 bits). */
const SHOWN_LENGTH = TOKEN_PREFIX.length + 8;

/** A new secret token. It is shown once and never stored. */
export function generateSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** The SHA-256 hex of a token: the only form the database keeps. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The short, non-secret start of a token shown in lists and accepted by `token:revoke`. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, SHOWN_LENGTH);
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}
