import path from "node:path";
import { defineConfig } from "prisma/config";

// No engine download: generate/validate/format only need a path to something executable.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "prisma", "no-schema-engine.sh");

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
});
