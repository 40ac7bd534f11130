import { runMigrationCli } from "@/lib/db/migrate/cli";
import { describeScope, listTokens } from "@/lib/tokens";
import { formatTable, formatTime, withTokenClient } from "@/lib/tokens/cli";

// npm run token:list: every API token, oldest first; secrets are never stored, so never shown.
if (process.argv.length > 2) {
  console.error("Usage: npm run token:list");
  process.exit(1);
}

await runMigrationCli(async (url) => {
  const tokens = await withTokenClient(url, listTokens);
  if (tokens.length === 0) {
    console.log("No API tokens. Create one with: npm run token:create -- --name <name>");
    return 0;
  }
  const rows = tokens.map((t) => [
    t.id,
    t.name,
    t.prefix,
    describeScope(t.topics),
    formatTime(t.createdAt),
    formatTime(t.lastUsedAt, "never"),
    formatTime(t.revokedAt),
  ]);
  console.log(
    formatTable([["ID", "NAME", "PREFIX", "TOPICS", "CREATED", "LAST USED", "REVOKED"], ...rows]),
  );
  return 0;
});
