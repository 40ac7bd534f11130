import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { setUpTestDatabase } from "@/lib/test/test-database";

const database = await setUpTestDatabase();
const api = await import("@/app/api/users/route");
const seedPath = await import("@/app/users/route");

const post = (body: string, handler = api.POST) =>
  handler(new Request("http://test/api/users", { method: "POST", body }));
const postJson = (value: unknown) => post(JSON.stringify(value));

async function rowCount(): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return Number((await client.query<{ count: string }>('SELECT count(*) FROM "user"')).rows[0]?.count);
  } finally {
    await client.end();
  }
}

describe("POST /api/users", () => {
  it("creates a user and answers 201 with exactly id, name and email", async () => {
    const response = await postJson({ name: "  Ada Lovelace ", email: "ada@example.com" });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["email", "id", "name"]);
    expect(body).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com" });
    expect(body.id).toMatch(/^[0-9a-z]{26}$/);
  });

  it.each([
    ["missing name", { email: "x@example.com" }],
    ["missing email", { name: "X" }],
    ["blank name", { name: "   ", email: "x@example.com" }],
    ["blank email", { name: "X", email: "" }],
    ["non-string name", { name: 42, email: "x@example.com" }],
    ["empty object", {}],
  ])("answers 400 'required' for %s", async (_case, body) => {
    const response = await postJson(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "invalid_input", message: "Name and email are required fields." },
    });
  });

  it("answers 400 for a malformed email", async () => {
    const response = await postJson({ name: "X", email: "not-an-email" });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: "invalid_input", message: "Email address is not valid." },
    });
  });

  it.each(["[]", "null", '"text"', "42", "{not json", ""])(
    "answers 400 when the body %j is not a JSON object",
    async (body) => {
      const response = await post(body);
      expect(response.status).toBe(400);
      const json = (await response.json()) as { error: { code: string; message: string } };
      expect(["invalid_json", "invalid_body"]).toContain(json.error.code);
    },
  );

  it("answers 409 for an email that differs only in case, and writes nothing", async () => {
    expect((await postJson({ name: "Grace", email: "grace@example.com" })).status).toBe(201);
    const before = await rowCount();
    const response = await postJson({ name: "Other Grace", email: "GRACE@Example.COM" });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: "email_taken" } });
    expect(await rowCount()).toBe(before);
  });

  it("answers 413 for an oversized body", async () => {
    const response = await postJson({ name: "x".repeat(20_000), email: "big@example.com" });
    expect(response.status).toBe(413);
  });
});

describe("GET /api/users", () => {
  it("lists users ordered by id with only public fields", async () => {
    for (const n of [1, 2, 3]) await postJson({ name: `User ${n}`, email: `user${n}@example.com` });
    const response = await api.GET();
    expect(response.status).toBe(200);
    const users = (await response.json()) as { id: string; name: string; email: string }[];
    expect(users.length).toBeGreaterThanOrEqual(3);
    const ids = users.map((u) => u.id);
    expect(ids).toEqual([...ids].sort());
    expect(users.map((u) => u.name).slice(-3)).toEqual(["User 1", "User 2", "User 3"]);
    for (const user of users) expect(Object.keys(user).sort()).toEqual(["email", "id", "name"]);
  });
});

describe("the seed app's /users path", () => {
  it("behaves like /api/users", async () => {
    const created = await post(JSON.stringify({ name: "Seed", email: "seed@example.com" }), seedPath.POST);
    expect(created.status).toBe(201);
    const listed = (await (await seedPath.GET()).json()) as { email: string }[];
    expect(listed.map((u) => u.email)).toContain("seed@example.com");
    expect((await post("[]", seedPath.POST)).status).toBe(400);
  });
});

describe("when the database is unreachable", () => {
  it("answers 503 with no database text", async () => {
    vi.resetModules();
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgresql://nobody:wrong@127.0.0.1:1/none";
    const global = globalThis as { tidingsPrisma?: unknown };
    const cached = global.tidingsPrisma;
    delete global.tidingsPrisma;
    const errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const broken = await import("@/app/api/users/route");
      const response = await broken.GET();
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(text).not.toMatch(/ECONNREFUSED|prisma|postgres|127\.0\.0\.1/i);
      expect(JSON.parse(text)).toMatchObject({ error: { code: "unavailable" } });
    } finally {
      errorLog.mockRestore();
      const { db } = await import("@/lib/db");
      await db.$disconnect();
      global.tidingsPrisma = cached;
      process.env.DATABASE_URL = previous;
    }
  });
});
