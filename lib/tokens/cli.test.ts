import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/test/test-database";

const database = await setUpTestDatabase();
const { POST } = await import("@/app/api/events/route");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a token CLI as `npm run token:*` does (tsx), against this file's database. */
async function run(script: string, ...args: string[]): Promise<Run> {
  const env = { ...process.env, DATABASE_URL: database.url };
  try {
    const { stdout, stderr } = await promisify(execFile)(
      "npx",
      ["tsx", `lib/cli/${script}.ts`, ...args],
      {
        env,
        cwd: process.cwd(),
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const publishWith = (token: string, topic = "orders") =>
  POST(
    new Request("http://test/api/events", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ topic, type: "created", payload: { ok: true } }),
    }),
  );

describe("token CLIs", () => {
  it("token:create prints the token alone on the last line; it works; list and revoke manage it", async () => {
    const created = await run("token-create", "--name", "CI bot", "--topics", "orders, builds");
    expect(created.code).toBe(0);
    const lines = created.stdout.trimEnd().split("\n");
    const token = lines.at(-1) ?? "";
    expect(token).toMatch(/^tdg_[A-Za-z0-9_-]{43}$/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(0, -1).join("\n")).not.toContain(token);
    expect(created.stdout).toContain("Topics: orders, builds");

    expect((await publishWith(token)).status).toBe(202);
    expect((await publishWith(token, "billing")).status).toBe(403);

    const listed = await run("token-list");
    expect(listed.code).toBe(0);
    const row = listed.stdout.split("\n").find((line) => line.includes("CI bot")) ?? "";
    expect(row).toContain(token.slice(0, 12));
    expect(row).toContain("orders, builds");
    expect(row).not.toContain("never");
    expect(listed.stdout).not.toContain(token);

    const revoked = await run("token-revoke", token.slice(0, 12));
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(/Revoked API token "CI bot"/);
    expect((await publishWith(token)).status).toBe(401);
    expect((await run("token-revoke", token.slice(0, 12))).stdout).toMatch(/already revoked/);
    const unknown = await run("token-revoke", "tdg_unknown1");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no API token has the id or prefix "tdg_unknown1"/);
  });

  it.each<[string[], RegExp]>([
    [[], /A name is required/],
    [["--name", "x".repeat(101)], /at most 100 characters/],
    [["--name", "n", "--topics", "news"], /Topic "news" is reserved/],
    [["--name", "n", "--topics", "Bad!"], /Topic "Bad!" is not valid/],
    [["--name", "n", "--topics", ","], /at least one topic/],
    [["--name", "n", "--colour", "red"], /Unknown option '--colour'/],
  ])("token:create %j fails with a clear error and exit code 1", async (args, message) => {
    const result = await run("token-create", ...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/Usage: npm run token:create/);
    expect(result.stdout).not.toMatch(/tdg_/);
  });
});
