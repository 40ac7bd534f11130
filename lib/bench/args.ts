/** Command-line options of `npm run bench:stream`. */
import { parseArgs } from "node:util";

export type Mode = "fanout" | "throughput" | "replay";

export interface Options {
  mode: Mode;
  targets: ("tidings" | "bare")[];
  subscribers: number;
  rate: number;
  durationMs: number;
  publishers: number;
  batch: number;
  events: number;
  path: string;
  concurrency: number;
  connectTimeoutMs: number;
  timeoutMs: number;
  url?: string;
  token?: string;
  serverPid?: number;
  server: "launcher" | "next";
  waitIdleMs: number;
  keepLog: boolean;
  serverNodeArgs: string[];
}

export const USAGE = `usage: npm run bench:stream -- [options]
  --mode fanout|throughput|replay   (fanout)
  --subscribers N     SSE clients (fanout 1000, throughput 4, replay 1)
  --rate R            events/s published in fanout mode (10)
  --duration S        publish phase in seconds (fanout 20, throughput 10)
  --publishers P      concurrent publishers in throughput mode (4)
  --batch B           events per request in throughput/replay mode (500)
  --events E          events to replay in replay mode (10000)
  --target both|tidings|bare   (both)
  --path P            stream path on Tidings (/api/stream)
  --server launcher|next   Tidings via lib/cli/serve.ts (default) or plain \`next start\` (route handler)
  --concurrency C     connections opening at once (200)
  --keep-log          keep the Tidings server log (copied to the temp dir, path printed)
  --wait-idle S       wait up to S s for the machine to be < 50 % busy before each target (60)
  --connect-timeout S (60)   --timeout S  whole run (900)
  --url U [--token T] [--server-pid PID]   use a running Tidings instead of starting one
  --server-node-args="A B"  extra node flags for the server children (note the =), e.g.
                      --server-node-args="--cpu-prof --cpu-prof-dir=/tmp/prof"`;

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`--${name} must be a positive number, got "${value}"`);
  return n;
}

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      mode: { type: "string", default: "fanout" },
      subscribers: { type: "string" },
      rate: { type: "string" },
      duration: { type: "string" },
      publishers: { type: "string" },
      batch: { type: "string" },
      events: { type: "string" },
      target: { type: "string", default: "both" },
      path: { type: "string", default: "/api/stream" },
      concurrency: { type: "string" },
      "connect-timeout": { type: "string" },
      timeout: { type: "string" },
      url: { type: "string" },
      token: { type: "string" },
      "server-pid": { type: "string" },
      "server-node-args": { type: "string" },
      server: { type: "string", default: "launcher" },
      "wait-idle": { type: "string" },
      "keep-log": { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) throw new Error(USAGE);
  const mode = values.mode as Mode;
  if (!["fanout", "throughput", "replay"].includes(mode))
    throw new Error(`unknown --mode ${mode}\n${USAGE}`);
  const target = values.target;
  if (target !== "both" && target !== "tidings" && target !== "bare")
    throw new Error(`unknown --target ${target}`);
  const server = values.server;
  if (server !== "launcher" && server !== "next") throw new Error(`unknown --server ${server}`);
  const batch = int(values.batch, 500, "batch");
  if (batch > 1000) throw new Error("--batch is at most 1000 (the publish API's limit)");
  return {
    mode,
    targets: target === "both" ? ["tidings", "bare"] : [target],
    subscribers: int(
      values.subscribers,
      mode === "fanout" ? 1000 : mode === "throughput" ? 4 : 1,
      "subscribers",
    ),
    rate: int(values.rate, 10, "rate"),
    durationMs: int(values.duration, mode === "throughput" ? 10 : 20, "duration") * 1000,
    publishers: int(values.publishers, 4, "publishers"),
    batch,
    events: int(values.events, 10_000, "events"),
    path: values.path,
    concurrency: int(values.concurrency, 200, "concurrency"),
    connectTimeoutMs: int(values["connect-timeout"], 60, "connect-timeout") * 1000,
    timeoutMs: int(values.timeout, 900, "timeout") * 1000,
    url: values.url,
    token: values.token,
    serverPid: values["server-pid"] ? int(values["server-pid"], 0, "server-pid") : undefined,
    server,
    keepLog: values["keep-log"],
    waitIdleMs: values["wait-idle"] === "0" ? 0 : int(values["wait-idle"], 60, "wait-idle") * 1000,
    serverNodeArgs: values["server-node-args"]?.split(" ").filter(Boolean) ?? [],
  };
}
