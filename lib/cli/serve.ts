import { mkdtemp } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "@/lib/db/client";
import {
  acquireDatabase,
  createDatabaseIfMissing,
  startEmbedded,
  type DatabaseServer,
} from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";
import { seedDemoData } from "@/lib/demo/seed";
import { env } from "@/lib/env";
import { hubOptionsFromEnv, startHub } from "@/lib/realtime/global-hub";
import { startMessageTicker } from "@/lib/realtime/message-ticker";
import { closeStreamsAndServer, withStreamRoute } from "@/lib/realtime/node-server";

// `npm run dev` / `npm start`: find or start PostgreSQL, migrate, seed, then serve Next in-process.
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    https: { type: "boolean", default: false },
    ephemeral: { type: "boolean", default: false },
    seed: { type: "boolean" },
  },
});
const mode = positionals[0];
if (mode !== "dev" && mode !== "start") {
  console.error("usage: serve.ts dev|start [--https] [--ephemeral] [--seed|--no-seed]");
  process.exit(2);
}
const dev = mode === "dev";
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
// Telemetry would try to reach the internet, which these machines cannot.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

async function openDatabase(): Promise<DatabaseServer> {
  if (values.ephemeral && !env.DATABASE_URL) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "tidings-pg-"));
    return startEmbedded({ dataDir, persistent: false });
  }
  const dataDir = path.resolve(env.TIDINGS_DATA_DIR, "postgres");
  return acquireDatabase({ databaseUrl: env.DATABASE_URL, dataDir });
}

function describe(database: DatabaseServer): string {
  const { hostname, port, pathname } = new URL(database.url);
  const where = `${hostname}:${port}${pathname}`;
  if (database.origin === "external") return `DATABASE_URL (${where})`;
  const owner = database.origin === "attached" ? "already running" : "started";
  return `embedded PostgreSQL, ${owner} (${where})`;
}

async function prepareDatabase(database: DatabaseServer) {
  if (await createDatabaseIfMissing(database.url)) console.log("  Created the database");
  const { applied } = await applyMigrations(database.url);
  console.log(`  Migrations: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
  if (!(values.seed ?? (dev || values.ephemeral))) return;
  const client = createPrismaClient(database.url);
  try {
    const created = await seedDemoData(client);
    if (created) console.log(`  Demo data: ${created} users`);
  } finally {
    await client.$disconnect();
  }
}

async function createHttpServer(handler: http.RequestListener) {
  if (!values.https) return { server: http.createServer(handler), scheme: "http" };
  const { ensureLocalCertificate } = await import("@/lib/certs");
  const { readFile } = await import("node:fs/promises");
  const { keyPath, certPath, created } = await ensureLocalCertificate({ dir: "certs" });
  if (created) console.log(`  Created a self-signed certificate in ${path.dirname(certPath)}/`);
  const [key, cert] = await Promise.all([readFile(keyPath), readFile(certPath)]);
  return { server: https.createServer({ key, cert }, handler), scheme: "https" };
}

async function main() {
  console.log(`Tidings (${dev ? "development" : "production"})`);
  const database = await openDatabase();
  console.log(`  Database: ${describe(database)}`);
  let shuttingDown = false;
  // Run in reverse order of start-up before the database stops: ticker, streams and server, hub.
  const stopping: (() => Promise<void>)[] = [];
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    setTimeout(() => process.exit(code), 5000).unref();
    for (const stop of stopping.reverse()) await stop().catch(() => {});
    await database.release().catch(() => {});
    process.exit(code);
  };
  process.once("SIGINT", () => void shutdown(0));
  process.once("SIGTERM", () => void shutdown(0));
  try {
    await prepareDatabase(database);
    process.env.DATABASE_URL = database.url;
    // The hub answers /api/stream on node:http; Next's per-request cost per open stream is 6-9x.
    const hub = await startHub(hubOptionsFromEnv(env, database.url));
    stopping.push(() => hub.close());
    const { default: next } = await import("next");
    const app = next({ dev, dir: process.cwd(), port: env.PORT });
    await app.prepare();
    const handle = app.getRequestHandler();
    const listener = withStreamRoute(hub, (req, res) => void handle(req, res));
    const { server, scheme } = await createHttpServer(listener);
    stopping.push(() => closeStreamsAndServer(server));
    const ticker = startMessageTicker({
      databaseUrl: database.url,
      intervalMs: env.MESSAGE_INTERVAL_MS,
    });
    stopping.push(() => ticker.stop());
    server.on("error", (error) => {
      console.error(`Could not listen on port ${env.PORT}: ${error.message}`);
      void shutdown(1);
    });
    // A deep accept queue: thousands of streams reconnecting at once must not wait for SYN retries.
    server.listen({ port: env.PORT, backlog: 4096 }, () =>
      console.log(`Ready on ${scheme}://localhost:${env.PORT}`),
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}

void main();
