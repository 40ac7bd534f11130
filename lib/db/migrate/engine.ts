import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { openEngineConnection } from "./adapter";
import { toMigrationError } from "./errors";
import { loadSchemaEngine } from "./wasm";

export type { SchemaEngine };

/** No tables or enums are managed outside Prisma (prisma.config.ts sets none). */
export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

/** A Prisma schema file, by path and content, as the engine takes it. */
export interface SchemaSource {
  path: string;
  content: string;
}

/**
 * Runs `work` with a schema engine connected to `url` (its shadow databases live on the same server),
 * then frees the engine and closes every connection and shadow database it opened.
 */
export async function withSchemaEngine<T>(
  url: string,
  schema: SchemaSource,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const SchemaEngineClass = await loadSchemaEngine();
  const connection = openEngineConnection(url);
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngineClass.new(
      { datamodels: [[schema.path, schema.content]] },
      () => {},
      bindMigrationAwareSqlAdapterFactory(connection.factory),
    );
    return await work(engine);
  } catch (error) {
    throw toMigrationError(error, connection.lastScriptError());
  } finally {
    engine?.free();
    await connection.close();
  }
}
