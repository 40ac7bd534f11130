import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/test/test-database";

const database = await setUpTestDatabase();
const { POST } = await import("@/app/api/events/route");
const { db } = await import("@/lib/db");
const { createToken, newTokenSchema, revokeToken } = await import("@/lib/tokens");

const sql = new pg.Client({ connectionString: database.url });
await sql.connect();
afterAll(() => sql.end());

const newSecret = async (topics?: string[]) =>
  (await createToken(db, newTokenSchema.parse({ name: "test", topics }))).secret;
const ANY = await newSecret();
const ORDERS = await newSecret(["orders", "builds"]);

function post(
  body: BodyInit | null,
  token: string | null = ANY,
  headers: Record<string, string> = {},
) {
  const auth: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
  const init: RequestInit & { duplex?: "half" } = {
    method: "POST",
    body,
    headers: { ...auth, ...headers },
  };
  if (body instanceof ReadableStream) init.duplex = "half";
  return POST(new Request("http://test/api/events", init));
}
const postJson = (value: unknown, token: string | null = ANY) => post(JSON.stringify(value), token);

async function eventCount(): Promise<number> {
  return Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM "event"')).rows[0]?.n);
}

async function expectError(response: Response, status: number, code: string, message?: RegExp) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  if (message) expect(body.error.message).toMatch(message);
  return body;
}

const event = (n = 0) => ({ topic: "orders", type: "created", payload: { n } });

describe("POST /api/events: accepted", () => {
  it("answers 202 with the id of one event, stored as sent", async () => {
    const response = await postJson({
      topic: "orders",
      type: "created",
      payload: { id: 7 },
      audience: { kind: "role", role: "admin" },
    });
    expect(response.status).toBe(202);
    const { ids } = (await response.json()) as { ids: string[] };
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/^\d+$/);
    const { rows } = await sql.query('SELECT * FROM "event" WHERE id = $1', [ids[0]]);
    expect(rows[0]).toMatchObject({
      topic: "orders",
      type: "created",
      payload: { id: 7 },
      audienceKind: "role",
      audienceValue: "admin",
    });
  });

  it("stores a batch with ascending ids in input order", async () => {
    const response = await postJson([1, 2, 3, 4, 5].map(event), ORDERS);
    expect(response.status).toBe(202);
    const { ids } = (await response.json()) as { ids: string[] };
    const numbers = ids.map(BigInt);
    expect(numbers).toEqual([...numbers].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(ids).size).toBe(5);
    const { rows } = await sql.query<{ id: string; payload: { n: number } }>(
      'SELECT id::text, payload FROM "event" WHERE id = ANY($1::bigint[]) ORDER BY id',
      [ids],
    );
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows.map((r) => r.payload.n)).toEqual([1, 2, 3, 4, 5]);
  });

  it("writes 1,000 events in one transaction", async () => {
    const response = await postJson(Array.from({ length: 1000 }, (_, n) => event(n)));
    expect(response.status).toBe(202);
    const { ids } = (await response.json()) as { ids: string[] };
    expect(ids).toHaveLength(1000);
    const { rows } = await sql.query<{ n: string; xids: string }>(
      'SELECT count(*) AS n, count(DISTINCT xmin::text) AS xids FROM "event" WHERE id = ANY($1::bigint[])',
      [ids],
    );
    expect(rows[0]).toEqual({ n: "1000", xids: "1" });
  });

  it("round-trips any JSON payload exactly, null included", async () => {
    const payload = {
      text: 'Grüße, 世界 🚀 "quoted" \\ back\nslash',
      numbers: [0, -1, 1.5, 1e21, 9007199254740991, -0.000001],
      flags: [true, false, null],
      nested: { empty: {}, list: [], deep: { a: [{ b: "" }] } },
    };
    for (const value of [payload, null, "just text", 42, [1, "two"], false]) {
      const response = await postJson({ topic: "orders", type: "raw", payload: value });
      expect(response.status).toBe(202);
      const [id] = ((await response.json()) as { ids: string[] }).ids;
      const { rows } = await sql.query<{ payload: unknown }>(
        'SELECT payload FROM "event" WHERE id = $1',
        [id],
      );
      expect(rows[0]?.payload).toEqual(value);
    }
  });

  it("accepts the scheme name in any case", async () => {
    const response = await post(JSON.stringify(event()), null, {
      authorization: `bearer ${ORDERS}`,
    });
    expect(response.status).toBe(202);
  });
});

describe("POST /api/events: 401", () => {
  it.each([
    ["no Authorization header", null, 'Bearer realm="tidings"'],
    ["another scheme", `Basic ${Buffer.from("a:b").toString("base64")}`, "invalid_token"],
    ["Bearer without a token", "Bearer ", "invalid_token"],
    ["a malformed token", "Bearer tdg_short", "invalid_token"],
    ["an unknown token", `Bearer tdg_${"A".repeat(43)}`, "invalid_token"],
  ])("for %s, with a Bearer challenge", async (_case, header, challenge) => {
    const before = await eventCount();
    const response = await post(
      JSON.stringify(event()),
      null,
      header ? { authorization: header } : {},
    );
    await expectError(response, 401, header ? "invalid_token" : "unauthorized");
    expect(response.headers.get("www-authenticate")).toContain(challenge);
    expect(await eventCount()).toBe(before);
  });

  it("for a revoked token", async () => {
    const secret = await newSecret();
    expect((await postJson(event(), secret)).status).toBe(202);
    await revokeToken(db, secret.slice(0, 12));
    await expectError(await postJson(event(), secret), 401, "invalid_token", /revoked/);
  });
});

describe("POST /api/events: 403", () => {
  it("for a topic outside the token's scope, naming it, and writes nothing of the batch", async () => {
    const before = await eventCount();
    const batch = [event(1), event(2), { topic: "billing", type: "x", payload: 1 }];
    await expectError(
      await postJson(batch, ORDERS),
      403,
      "topic_not_allowed",
      /^events\[2\]\.topic "billing"/,
    );
    expect(await eventCount()).toBe(before);
  });

  it.each(["news", "notifications", "prices", "system", "messages", "news.breaking"])(
    "for the reserved topic %s, even with a * token",
    async (topic) => {
      await expectError(
        await postJson({ topic, type: "x", payload: 1 }),
        403,
        "reserved_topic",
        /reserved/,
      );
    },
  );
});
