import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/test/test-database";
import { quietLog, until } from "@/lib/realtime/test-support";

const database = await setUpTestDatabase();
const { startMessageTicker, MESSAGES_TOPIC } = await import("@/lib/realtime/message-ticker");
const { readAfter } = await import("@/lib/realtime/log");
const { HELLO_MESSAGE } = await import("@/lib/messages/hello-stream");
const pool = new pg.Pool({ connectionString: database.url, max: 2 });
afterAll(() => pool.end());

const messages = () => readAfter(0n, { topics: [MESSAGES_TOPIC], limit: 1000, client: pool });

describe("the message ticker", () => {
  it("publishes messages.hello on an interval from one instance only, and hands over", async () => {
    const options = { databaseUrl: database.url, intervalMs: 100, log: quietLog };
    const first = startMessageTicker(options);
    await until(() => first.leading);
    const second = startMessageTicker(options);
    let count = 0;
    await expect
      .poll(async () => (count = (await messages()).length), { timeout: 5000 })
      .toBeGreaterThanOrEqual(4);
    expect(second.leading).toBe(false);
    expect(first.leading).toBe(true);
    const [message] = await messages();
    expect(message).toMatchObject({
      topic: "messages",
      type: "hello",
      audience: { kind: "everyone" },
    });
    const payload = message?.payload as { message: string; timestamp: string };
    expect(Object.keys(payload).sort()).toEqual(["message", "timestamp"]);
    expect(payload.message).toBe(HELLO_MESSAGE);
    expect(new Date(payload.timestamp).toISOString()).toBe(payload.timestamp);
    await first.stop();
    await until(() => second.leading);
    await expect
      .poll(async () => (await messages()).length, { timeout: 5000 })
      .toBeGreaterThan(count + 1);
    await second.stop();
  });
});
