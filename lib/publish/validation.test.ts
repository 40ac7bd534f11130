import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { setUpTestDatabase } from "@/lib/test/test-database";

const database = await setUpTestDatabase();
const { POST } = await import("@/app/api/events/route");
const { db } = await import("@/lib/db");
const { createToken, newTokenSchema } = await import("@/lib/tokens");

const sql = new pg.Client({ connectionString: database.url });
await sql.connect();
afterAll(() => sql.end());

const { secret } = await createToken(db, newTokenSchema.parse({ name: "validation" }));

function post(body: BodyInit | null, headers: Record<string, string> = {}) {
  const init: RequestInit & { duplex?: "half" } = {
    method: "POST",
    body,
    headers: { authorization: `Bearer ${secret}`, ...headers },
  };
  if (body instanceof ReadableStream) init.duplex = "half";
  return POST(new Request("http://test/api/events", init));
}
const postJson = (value: unknown) => post(JSON.stringify(value));

async function eventCount(): Promise<number> {
  return Number((await sql.query<{ n: string }>('SELECT count(*) AS n FROM "event"')).rows[0]?.n);
}

async function errorOf(response: Response, status: number) {
  expect(response.status).toBe(status);
  return ((await response.json()) as { error: { code: string; message: string; fields?: object } })
    .error;
}

const event = (n = 0) => ({ topic: "orders", type: "created", payload: { n } });

describe("400", () => {
  it.each([
    ["invalid JSON", "{not json"],
    ["an empty body", ""],
    ["null", "null"],
    ["a number", "42"],
    ["a string", '"text"'],
  ])("for %s", async (_case, body) => {
    const error = await errorOf(await post(body), 400);
    expect(["invalid_json", "invalid_body"]).toContain(error.code);
  });

  it("for an empty array and for 1,001 events", async () => {
    expect((await errorOf(await postJson([]), 400)).message).toMatch(/at least one event/);
    const tooMany = Array.from({ length: 1001 }, () => ({ topic: "o", type: "t", payload: 0 }));
    expect((await errorOf(await postJson(tooMany), 400)).message).toMatch(
      /at most 1000 events \(got 1001\)/,
    );
  });

  it.each([
    ["missing topic", { type: "t", payload: 1 }, /^topic is required/],
    ["missing payload", { topic: "o", type: "t" }, /^payload is required/],
    ["bad topic", { topic: "Orders!", type: "t", payload: 1 }, /^topic must be lowercase letters/],
    ["long topic", { topic: "o".repeat(65), type: "t", payload: 1 }, /^topic must be/],
    ["bad type", { topic: "o", type: 7, payload: 1 }, /^type must be a string/],
    [
      "unknown field",
      { topic: "o", type: "t", payload: 1, paylod: 2 },
      /^event has unknown field "paylod"/,
    ],
    [
      "bad audience",
      { ...event(), audience: { kind: "team" } },
      /^audience\.kind must be \{"kind":"everyone"\}/,
    ],
    [
      "role without role",
      { ...event(), audience: { kind: "role" } },
      /^audience\.role is required/,
    ],
    [
      "empty user id",
      { ...event(), audience: { kind: "user", userId: "" } },
      /^audience\.userId must not be empty/,
    ],
    [
      "NUL in payload",
      { ...event(), payload: { a: "x\u0000y" } },
      /^payload must not contain the character U\+0000/,
    ],
    ["NUL in a key", { ...event(), payload: { "a\u0000": 1 } }, /^payload must not contain/],
    ["lone surrogate", { ...event(), payload: ["\ud800"] }, /^payload must not contain unpaired/],
    [
      "deep payload",
      { ...event(), payload: JSON.parse("[".repeat(100) + "]".repeat(100)) as unknown },
      /^payload must be nested at most 64/,
    ],
  ])("for %s, naming the field", async (_case, body, message) => {
    const error = await errorOf(await postJson(body), 400);
    expect(error.code).toBe("invalid_events");
    expect(error.message).toMatch(message);
  });

  it("names the offending index of a batch and writes none of it", async () => {
    const before = await eventCount();
    const batch = [
      event(0),
      event(1),
      event(2),
      { topic: "Bad Topic", type: "t", payload: 1 },
      event(4),
    ];
    const error = await errorOf(await postJson(batch), 400);
    expect(error.message).toMatch(/^events\[3\]\.topic must be lowercase letters/);
    expect(error.fields).toEqual({
      "events[3].topic": [expect.stringMatching(/^must be lowercase/)],
    });
    expect(await eventCount()).toBe(before);
  });
});

describe("413", () => {
  const big = JSON.stringify({ topic: "o", type: "t", payload: "x".repeat(70_000) });

  it("by Content-Length, before reading the body", async () => {
    const error = await errorOf(await post("{}", { "content-length": String(64 * 1024 + 1) }), 413);
    expect(error.code).toBe("payload_too_large");
  });

  it("by actual size when there is no Content-Length", async () => {
    const request = new Request("http://test", { method: "POST", body: big });
    expect(request.headers.get("content-length")).toBeNull();
    expect((await errorOf(await post(big), 413)).code).toBe("payload_too_large");
  });

  it("stops reading an endless stream soon after the limit", async () => {
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(16 * 1024).fill(32));
      },
    });
    await errorOf(await post(endless), 413);
    expect(pulls).toBeLessThan(10);
  });

  it("accepts a body of exactly 64 KB", async () => {
    const body = JSON.stringify({ topic: "o", type: "t", payload: "" });
    const padded = body.slice(0, -1) + " ".repeat(64 * 1024 - body.length) + "}";
    expect(Buffer.byteLength(padded)).toBe(64 * 1024);
    expect((await post(padded)).status).toBe(202);
  });
});

describe("when the database fails mid-batch", () => {
  it("answers 503 without database text and keeps nothing of the batch", async () => {
    await sql.query(`
      CREATE FUNCTION fail_on_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.payload ? 'boom' THEN RAISE EXCEPTION 'boom at %', NEW.id; END IF; RETURN NEW; END $$;
      CREATE TRIGGER fail_on_boom BEFORE INSERT ON "event" FOR EACH ROW EXECUTE FUNCTION fail_on_boom();`);
    // Prisma logs the failed query on both streams; the response is what this test checks.
    const errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
    const infoLog = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const before = await eventCount();
      const batch = Array.from({ length: 500 }, (_, n) =>
        n === 499 ? { ...event(), payload: { boom: 1 } } : event(n),
      );
      const response = await postJson(batch);
      const text = await response.text();
      expect(response.status).toBe(503);
      expect(text).not.toMatch(/boom|prisma|postgres|event/i);
      expect(await eventCount()).toBe(before);
    } finally {
      errorLog.mockRestore();
      infoLog.mockRestore();
      await sql.query('DROP TRIGGER fail_on_boom ON "event"; DROP FUNCTION fail_on_boom()');
    }
  });
});
