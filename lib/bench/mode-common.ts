/** What every measurement shares: the topic, paths, and the delivery figures. */
import type { Options } from "./args";
import type { GeneratorReport } from "./protocol";
import { treeMemory } from "./proc";
import type { PublishTally, PublishTarget } from "./publisher";
import { percentile } from "./stats";
import type { Target } from "./targets";

export const TOPIC = "bench";
export const EVENT = `${TOPIC}.tick`;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Measured {
  target: string;
  [figure: string]: unknown;
}

export function streamPath(target: Target, options: Options, extra = ""): string {
  const base = target.name === "bare" ? "/api/stream" : options.path;
  return `${base}${base.includes("?") ? "&" : "?"}topics=${TOPIC}${extra}`;
}

export function endpoint(target: Target): { host: string; port: number; publish: PublishTarget } {
  const url = new URL(target.baseUrl);
  const publish = { baseUrl: target.baseUrl, token: target.token, topic: TOPIC };
  return { host: url.hostname, port: Number(url.port || 80), publish };
}

export function postgres(target: Target) {
  return target.postgresPid ? treeMemory(target.postgresPid) : undefined;
}

export function delivery(report: GeneratorReport) {
  const { subscribers, open, dropped, received, lost, duplicated, mismatched, unexpectedEvents } =
    report;
  return { subscribers, open, dropped, received, lost, duplicated, mismatched, unexpectedEvents };
}

/** What the publisher saw: failures (by reason, and their count) and request round trips. */
export function publishFigures(tally: PublishTally) {
  const sorted = tally.roundTrips.sort((a, b) => a - b);
  return {
    publishFailures: tally.failures,
    publishFailed: Object.values(tally.failures).reduce((a, b) => a + b, 0),
    publishRttP50: percentile(sorted, 50),
    publishRttP99: percentile(sorted, 99),
  };
}
