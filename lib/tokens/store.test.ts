import pg from "pg";
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/test/test-database";

const database = await setUpTestDatabase();
const { db } = await import("@/lib/db");
const tokens = await import("@/lib/tokens");

async function rawRows(): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>('SELECT * FROM "api_token"')).rows;
  } finally {
    await client.end();
  }
}

const create = (name: string, topics?: string[]) =>
  tokens.createToken(db, tokens.newTokenSchema.parse({ name, topics }));

describe("createToken", () => {
  it("returns a tdg_ secret of 32 random bytes and stores only its SHA-256 and a short prefix", async () => {
    const { token, secret } = await create("hash-only", ["orders"]);
    expect(secret).toMatch(/^tdg_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(4), "base64url")).toHaveLength(32);
    expect(token).toMatchObject({
      name: "hash-only",
      topics: ["orders"],
      prefix: secret.slice(0, 12),
    });
    const rows = await rawRows();
    const row = rows.find((r) => r.id === token.id);
    expect(row?.tokenHash).toBe(tokens.hashSecret(secret));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    // Neither the secret nor its random part appears anywhere in the table.
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(secret.slice(4));
    expect(everything).not.toContain(secret.slice(12, 30));
  });

  it("makes a different secret every time and defaults the scope to *", async () => {
    const a = await create("a");
    const b = await create("b");
    expect(a.secret).not.toBe(b.secret);
    expect(a.token.topics).toEqual(["*"]);
  });
});

describe("verifyToken", () => {
  it("returns the token for its secret and null for malformed or unknown secrets", async () => {
    const { token, secret } = await create("verify", ["orders", "builds"]);
    expect(await tokens.verifyToken(db, secret)).toEqual({
      id: token.id,
      name: "verify",
      topics: ["orders", "builds"],
    });
    expect(await tokens.verifyToken(db, "")).toBeNull();
    expect(await tokens.verifyToken(db, secret.slice(0, -1))).toBeNull();
    expect(await tokens.verifyToken(db, `${secret}x`)).toBeNull();
    expect(await tokens.verifyToken(db, tokens.generateSecret())).toBeNull();
    expect(await tokens.verifyToken(db, tokens.hashSecret(secret))).toBeNull();
  });

  it("records lastUsedAt on first use, then at most once a minute", async () => {
    const { token, secret } = await create("last-used");
    const lastUsed = async () =>
      (await tokens.listTokens(db)).find((t) => t.id === token.id)?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    const first = new Date("2030-01-01T10:00:00.000Z");
    await tokens.verifyToken(db, secret, first);
    expect(await lastUsed()).toEqual(first);
    await tokens.verifyToken(db, secret, new Date(first.getTime() + 59_000));
    expect(await lastUsed()).toEqual(first);
    const later = new Date(first.getTime() + 61_000);
    await tokens.verifyToken(db, secret, later);
    expect(await lastUsed()).toEqual(later);
  });
});

describe("revokeToken", () => {
  it("revokes by prefix or id, after which the secret no longer verifies", async () => {
    const byPrefix = await create("revoke-prefix");
    const byId = await create("revoke-id");
    const result = await tokens.revokeToken(db, byPrefix.token.prefix);
    expect(result).toMatchObject({ status: "revoked", token: { id: byPrefix.token.id } });
    expect(result.status === "revoked" && result.token.revokedAt).toBeInstanceOf(Date);
    expect(await tokens.verifyToken(db, byPrefix.secret)).toBeNull();
    expect(await tokens.revokeToken(db, byId.token.id)).toMatchObject({ status: "revoked" });
    expect(await tokens.verifyToken(db, byId.secret)).toBeNull();
  });

  it("reports already revoked, unknown and ambiguous keys without changing anything", async () => {
    const { token } = await create("twice");
    await tokens.revokeToken(db, token.id);
    const again = await tokens.revokeToken(db, token.id);
    expect(again).toMatchObject({ status: "already_revoked", token: { id: token.id } });
    expect(await tokens.revokeToken(db, "tdg_nothing1")).toEqual({ status: "not_found" });
    expect(await tokens.revokeToken(db, "  ")).toEqual({ status: "not_found" });
    const twin = await create("twin");
    await db.apiToken.update({ where: { id: twin.token.id }, data: { prefix: token.prefix } });
    expect(await tokens.revokeToken(db, token.prefix)).toMatchObject({ status: "ambiguous" });
    expect(await tokens.verifyToken(db, twin.secret)).not.toBeNull();
  });
});

describe("listTokens", () => {
  it("lists every token oldest first, without hashes", async () => {
    const list = await tokens.listTokens(db);
    expect(list.length).toBeGreaterThanOrEqual(3);
    const ids = list.map((t) => t.id);
    expect(ids).toEqual([...ids].sort());
    for (const t of list) expect(Object.keys(t)).not.toContain("tokenHash");
  });
});
