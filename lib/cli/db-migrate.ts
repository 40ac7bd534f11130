import { applyMigrations, markMigrationRolledBack, MigrationError } from "@/lib/db/migrate";
import { runMigrationCli } from "@/lib/db/migrate/cli";

// P3009: a failed migration blocks deploys; P3018: one failed just now (rolled back, recorded).
const BLOCKED = new Set(["P3009", "P3018"]);

const args = process.argv.slice(2);
const rolledBack = args[0] === "--rolled-back" && args.length === 2 ? args[1] : undefined;
if (args.length > 0 && !rolledBack) {
  console.error("Usage: npm run db:migrate [-- --rolled-back <failed migration>]");
  process.exit(1);
}

await runMigrationCli(
  async (url) => {
    if (rolledBack) {
      await markMigrationRolledBack(url, rolledBack);
      console.log(`Marked ${rolledBack} as rolled back; applying it again.`);
    }
    try {
      const { applied } = await applyMigrations(url);
      if (applied.length === 0) console.log("No pending migrations.");
      for (const name of applied) console.log(`Applied ${name}`);
      return 0;
    } catch (error) {
      if (error instanceof MigrationError && error.code && BLOCKED.has(error.code)) {
        console.error(
          "Nothing of the failed migration was kept. Fix its SQL, then run:\n" +
            "  npm run db:migrate -- --rolled-back <failed migration>",
        );
      }
      throw error;
    }
  },
  { createDatabase: true },
);
