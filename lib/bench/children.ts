/** Child processes of the benchmark: spawning, readiness, and cleanup on every way out. */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import net from "node:net";
import path from "node:path";

const children = new Set<ChildProcess>();
const cleanups: (() => Promise<void>)[] = [];
const HERE = import.meta.dirname;

export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

/** SIGTERM every child, SIGKILL the ones still there after 5 s, then run cleanups (newest first). */
export async function cleanupAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child)));
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => {});
}

export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A Node child run directly (no npm/sh/tsx wrapper), so its pid is the Node process itself. */
export function spawnNode(
  args: string[],
  options: { env: NodeJS.ProcessEnv; logFile: string },
): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: path.resolve(HERE, "../.."),
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = createWriteStream(options.logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  track(child);
  return child;
}

function track(child: ChildProcess): void {
  children.add(child);
  child.once("exit", () => children.delete(child));
}

/** Resolves when `pattern` appears on stdout; rejects on exit or after `timeoutMs`. */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => done(new Error(`no ${String(pattern)} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      const match = pattern.exec(seen);
      if (match) done(undefined, match);
    };
    const onExit = (code: number | null) =>
      done(new Error(`exited (code ${code}) before ${String(pattern)}`));
    const done = (error?: Error, match?: RegExpMatchArray) => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(match!);
    };
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
  });
}

export function canConnect(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Runs a command to completion and returns its stdout (bounded in time). */
export function runToEnd(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: path.resolve(HERE, "../.."),
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    track(child);
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else
        reject(
          new Error(
            `${command} ${args.join(" ")} exited ${code}: ${(err || out).trim().slice(-800)}`,
          ),
        );
    });
  });
}

/** Forks the load generator in its own process, so its CPU is never counted as the server's. */
export function forkLoadGen(): ChildProcess {
  const child = fork(path.join(HERE, "load-gen.ts"), [], {
    cwd: path.resolve(HERE, "../.."),
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  track(child);
  return child;
}
