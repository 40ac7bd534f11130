import path from "node:path";
import { assertMigrationName, createMigration, normaliseMigrationName } from "@/lib/db/migrate";
import { printError, runMigrationCli } from "@/lib/db/migrate/cli";

const name = normaliseMigrationName(process.argv.slice(2).join(" "));
try {
  assertMigrationName(name);
} catch (error) {
  printError(error);
  console.error("Usage: npm run db:new -- <name>");
  process.exit(1);
}

await runMigrationCli(
  async (url) => {
    const { directory } = await createMigration(url, name);
    if (!directory) {
      console.log("Schema and migrations already agree; nothing written.");
      return 0;
    }
    console.log(`Wrote ${path.relative(process.cwd(), path.join(directory, "migration.sql"))}`);
    console.log("Review it, then apply it with: npm run db:migrate");
    return 0;
  },
  { createDatabase: true },
);
