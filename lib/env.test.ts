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
    });
  });

  it("treats empty strings as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
  });

  it("reads numbers and database URLs", () => {
    const env = parseEnv({ PORT: "8080", DATABASE_URL: "postgresql://u:p@db:5432/x", MESSAGE_INTERVAL_MS: "250" });
    expect(env).toMatchObject({ PORT: 8080, DATABASE_URL: "postgresql://u:p@db:5432/x", MESSAGE_INTERVAL_MS: 250 });
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x/y" }, "DATABASE_URL must be a postgresql:// URL"],
    [{ MESSAGE_INTERVAL_MS: "5" }, "MESSAGE_INTERVAL_MS"],
  ])("rejects %j naming the variable", (source, text) => {
    expect(() => parseEnv(source)).toThrow(text);
  });
});
