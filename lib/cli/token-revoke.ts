import { runMigrationCli } from "@/lib/db/migrate/cli";
import { revokeToken } from "@/lib/tokens";
import { formatTime, withTokenClient } from "@/lib/tokens/cli";

// npm run token:revoke -- <id or prefix>: requests with the token get 401 from then on.
const args = process.argv.slice(2);
const [key] = args;
if (args.length !== 1 || !key?.trim() || key.startsWith("-")) {
  console.error("Usage: npm run token:revoke -- <token id or prefix (tdg_…)>");
  process.exit(1);
}

await runMigrationCli(async (url) => {
  const result = await withTokenClient(url, (client) => revokeToken(client, key));
  switch (result.status) {
    case "revoked":
      console.log(
        `Revoked API token "${result.token.name}" (${result.token.prefix}, id ${result.token.id}).`,
      );
      return 0;
    case "already_revoked":
      console.log(
        `API token "${result.token.name}" (${result.token.prefix}) was already revoked at ${formatTime(result.token.revokedAt)}.`,
      );
      return 0;
    case "not_found":
      console.error(
        `Error: no API token has the id or prefix "${key}". List them with: npm run token:list`,
      );
      return 1;
    case "ambiguous":
      console.error(`Error: ${result.matches.length} tokens match "${key}"; revoke one by id:`);
      for (const token of result.matches) console.error(`  ${token.id}  ${token.name}`);
      return 1;
  }
});
