import { migrationStatus, schemaDrift } from "@/lib/db/migrate";
import { runMigrationCli } from "@/lib/db/migrate/cli";

const list = (names: string[]) => (names.length > 0 ? names.join(", ") : "none");

await runMigrationCli(async (url) => {
  const status = await migrationStatus(url);
  const drift = await schemaDrift(url);
  console.log(`Applied: ${status.applied.length}`);
  console.log(`Pending: ${list(status.pending)}`);
  console.log(`Failed:  ${list(status.failed)}`);
  console.log(`Edited:  ${list(status.edited)}`);
  if (status.unknown.length > 0)
    console.log(`In the database but not in the folder: ${list(status.unknown)}`);
  if (status.pending.length > 0) console.log("Apply pending migrations with: npm run db:migrate");
  if (!drift.inSync) {
    console.log(
      "schema.prisma has changes no migration covers; write one with: npm run db:new -- <name>",
    );
  }
  const clean = status.clean && drift.inSync;
  console.log(clean ? "Database and migrations are up to date." : "Not clean.");
  return clean ? 0 : 1;
});
