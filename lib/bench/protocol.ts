/** Messages between the orchestrator and the load generator child (IPC). */
import type { LatencySummary } from "./stats";

export interface ConnectCommand {
  cmd: "connect";
  host: string;
  port: number;
  path: string;
  count: number;
  /** Connections allowed between SYN and response headers at once. */
  concurrency: number;
  timeoutMs: number;
  expectedEvent: string;
  /** Report `reached` when one subscriber has this many distinct events (replay mode). */
  untilCount?: number;
}

export interface ReportCommand {
  cmd: "report";
  /** Ids the publisher got back (count, sum and range), to count lost and duplicated events. */
  expectedCount: number;
  expectedIdSum: number;
}

export type Command = ConnectCommand | ReportCommand | { cmd: "progress" } | { cmd: "close" };

export interface ConnectResult {
  type: "connected";
  connected: number;
  failed: number;
  /** From the first SYN to the last response header. */
  elapsedMs: number;
  errors: Record<string, number>;
}

export interface GeneratorReport {
  type: "report";
  subscribers: number;
  open: number;
  dropped: number;
  received: number;
  lost: number;
  duplicated: number;
  /** Subscribers whose distinct count matched but whose id checksum did not. */
  mismatched: number;
  unexpectedEvents: number;
  pings: number;
  latency: LatencySummary;
  /** Per event, the fastest subscriber: publish → first delivery (the pipeline without fan-out). */
  firstLatency: LatencySummary;
  /** Per event, the slowest subscriber: pipeline plus the whole fan-out. */
  lastLatency: LatencySummary;
}

export type GeneratorMessage =
  | ConnectResult
  | GeneratorReport
  | { type: "progress"; received: number; minReceived: number }
  | { type: "reached"; elapsedMs: number; firstByteMs: number }
  | { type: "ready" };
