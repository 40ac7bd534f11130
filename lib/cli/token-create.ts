import { parseArgs } from "node:util";
import { runMigrationCli } from "@/lib/db/migrate/cli";
import { createToken, describeScope, newTokenSchema } from "@/lib/tokens";
import { withTokenClient } from "@/lib/tokens/cli";

// npm run token:create -- --name <name> [--topics a,b]: the new token alone on the last line of stdout.
const USAGE =
  "Usage: npm run token:create -- --name <name> [--topics <topic,topic,…> | --topics '*']";

function fail(message: string): never {
  console.error(`Error: ${message}\n${USAGE}`);
  process.exit(1);
}

let values: { name?: string; topics?: string };
try {
  ({ values } = parseArgs({
    options: { name: { type: "string" }, topics: { type: "string" } },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const parsed = newTokenSchema.safeParse({
  name: values.name ?? "",
  topics: values.topics
    ?.split(",")
    .map((t) => t.trim())
    .filter(Boolean),
});
if (!parsed.success) fail(parsed.error.issues.map((issue) => issue.message).join("\n       "));
const input = parsed.data;

await runMigrationCli(async (url) => {
  const { token, secret } = await withTokenClient(url, (client) => createToken(client, input));
  console.log(`Created API token "${token.name}" (id ${token.id}, prefix ${token.prefix}).`);
  console.log(`Topics: ${describeScope(token.topics)}`);
  console.log(
    "This is the only time the token is shown; only its SHA-256 hash is stored. Keep it secret.",
  );
  console.log("Send it as `Authorization: Bearer <token>` to POST /api/events.");
  console.log(`Revoke it with: npm run token:revoke -- ${token.prefix}`);
  console.log(secret);
  return 0;
});
