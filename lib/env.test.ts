import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("works with nothing set", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      DATABASE_URL: undefined,
      TIDINGS_DATA_DIR: ".data",
      PORT: 3000,
      MESSAGE_INTERVAL_MS: 5000,
      HEARTBEAT_INTERVAL_MS: 15_000,
      REALTIME_MODE: "listen",
      REALTIME_POLL_MS: 1000,
      STREAM_MAX_LIFETIME_MS: 1_800_000,
      STREAM_RETRY_MS: 3000,
      STREAM_QUEUE_LIMIT: 1000,
      EVENT_RETENTION_DAYS: 7,
    });
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it("reads numbers and database URLs", () => {
    const env = parseEnv({
      PORT: "8080",
      DATABASE_URL: "postgresql://u:p@db:5432/x",
      MESSAGE_INTERVAL_MS: "250",
    });
    expect(env).toMatchObject({
      PORT: 8080,
      DATABASE_URL: "postgresql://u:p@db:5432/x",
      MESSAGE_INTERVAL_MS: 250,
    });
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x/y" }, "DATABASE_URL must be a postgresql:// URL"],
    [{ MESSAGE_INTERVAL_MS: "5" }, "MESSAGE_INTERVAL_MS"],
    [{ REALTIME_MODE: "push" }, "REALTIME_MODE"],
    [{ STREAM_QUEUE_LIMIT: "0" }, "STREAM_QUEUE_LIMIT"],
    [{ EVENT_RETENTION_DAYS: "-1" }, "EVENT_RETENTION_DAYS"],
  ])("rejects %j naming the variable", (source, text) => {
    expect(() => parseEnv(source)).toThrow(text);
  });
});
