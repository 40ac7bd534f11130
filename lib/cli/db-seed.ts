import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { runMigrationCli } from "@/lib/db/migrate/cli";
import { seedDemoData } from "@/lib/demo/seed";

// npm run db:seed: migrate, then demo data into an empty database; a used one is left alone.
await runMigrationCli(
  async (url) => {
    await applyMigrations(url);
    const client = createPrismaClient(url);
    try {
      const created = await seedDemoData(client);
      console.log(created ? `Added ${created} demo users.` : "The database has users; nothing added.");
      return 0;
    } finally {
      await client.$disconnect();
    }
  },
  { createDatabase: true },
);
