/** A failure the caller can act on; `code` is Prisma's error code (P3009, P3018, …) when there is one. */
export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(
    message: string,
    readonly code?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The engine's message without its Rust span trace ("   0: sql_schema_connector::…"). */
export function engineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (/^\s+\d+: \w+::/.test(line)) break;
    if (line.trim() !== "external connector error") lines.push(line);
  }
  return lines.join("\n").trim();
}

/**
 * The engine's error as a MigrationError. A failed migration script has no code in the wasm build;
 * it gets the native engine's P3018 and PostgreSQL's own message (`scriptError`) when known.
 */
export function toMigrationError(error: unknown, scriptError?: string): MigrationError {
  if (error instanceof MigrationError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = engineMessage(error);
  const failed = typeof code === "string" ? undefined : failedMigrationName(error);
  if (failed) {
    return new MigrationError(
      `Migration ${failed} failed and was rolled back:\n${scriptError ?? message}`,
      "P3018",
      {
        cause: error,
      },
    );
  }
  return new MigrationError(message, typeof code === "string" ? code : undefined, { cause: error });
}

/** The migration whose script failed, read from the engine's span trace. */
function failedMigrationName(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : "";
  if (!text.includes("apply_migration::apply_script")) return undefined;
  return /migration_name="([^"]+)"/.exec(text)?.[1];
}
