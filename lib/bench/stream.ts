/** `npm run bench:stream`: load-tests Tidings' SSE path against a bare node:http broadcaster. */
import { readFileSync } from "node:fs";
import { parseOptions, type Options } from "./args";
import { cleanupAll } from "./children";
import { runFanout } from "./fanout";
import type { Measured } from "./mode-common";
import { runReplay } from "./replay";
import { runThroughput } from "./throughput";
import { machineCpuMeter } from "./proc";
import { machine, printReport } from "./report";
import { startBare, startTidings, type Target } from "./targets";

const log = (line: string) => console.error(line);

function openFileLimit(): number {
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(
    readFileSync("/proc/self/limits", "utf8"),
  );
  return match?.[1] === "unlimited" ? Infinity : Number(match?.[1] ?? NaN);
}

async function measure(target: Target, options: Options): Promise<Measured> {
  log(`  ${target.name}: ${target.baseUrl} (server pid ${target.serverPid ?? "unknown"})`);
  if (options.mode === "throughput") return runThroughput(target, options);
  if (options.mode === "replay") return runReplay(target, options);
  return runFanout(target, options);
}

/** Waits (up to `maxMs`) for the machine to be under 50 % busy; returns the last busy % seen. */
async function waitForQuiet(maxMs: number): Promise<number> {
  const until = performance.now() + maxMs;
  for (;;) {
    const busy = machineCpuMeter();
    await new Promise((r) => setTimeout(r, 1000));
    const pct = busy();
    if (pct < 50 || performance.now() >= until) {
      // Other users' work on this machine skews every figure: say how busy it was.
      log(`machine CPU busy: ${pct.toFixed(0)} % of ${machine().nproc * 100} %`);
      return pct;
    }
  }
}

async function main(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const limit = openFileLimit();
  log(
    `bench:stream ${options.mode}: ${JSON.stringify(machine())}, open-file limit ${limit} per process`,
  );
  if (options.subscribers + 200 > limit) {
    throw new Error(
      `${options.subscribers} streams need ~${options.subscribers + 200} fds per process; ulimit -n is ${limit}`,
    );
  }
  const before = await waitForQuiet(options.waitIdleMs);
  const results: Measured[] = [];
  for (const name of options.targets) {
    log(`${name}:`);
    const target =
      name === "bare"
        ? await startBare(options.serverNodeArgs)
        : await startTidings({ ...options, nodeArgs: options.serverNodeArgs, log });
    try {
      if (results.length) await waitForQuiet(options.waitIdleMs);
      results.push(await measure(target, options));
    } catch (error) {
      if (target.logFile) log(`  (server log: ${target.logFile})`);
      throw error;
    } finally {
      await target.stop();
    }
  }
  printReport(options, results, argv, before);
}

let exiting = false;
async function exit(code: number, why?: string): Promise<void> {
  if (exiting) return;
  exiting = true;
  if (why) console.error(why);
  await cleanupAll();
  process.exit(code);
}

const argv = process.argv.slice(2);
const timeoutMs = (() => {
  try {
    return parseOptions(argv).timeoutMs;
  } catch {
    return 900_000;
  }
})();
// The whole run is bounded, whatever hangs.
setTimeout(
  () => void exit(2, `bench:stream: global timeout (${timeoutMs / 1000} s) reached`),
  timeoutMs,
).unref();
process.once("SIGINT", () => void exit(130, "interrupted"));
process.once("SIGTERM", () => void exit(143, "terminated"));
main(argv).then(
  () => exit(0),
  (error: unknown) => exit(1, error instanceof Error ? error.message : String(error)),
);
