/** Throughput: a few closed-loop publishers posting batches, a few subscribers checking delivery. */
import type { Options } from "./args";
import { Generator } from "./generator";
import {
  EVENT,
  delivery,
  endpoint,
  postgres,
  sleep,
  streamPath,
  type Measured,
  publishFigures,
} from "./mode-common";
import { phaseCpuMeter, rssKb } from "./proc";
import { publishFlat } from "./publisher";
import type { Target } from "./targets";

export async function runThroughput(target: Target, options: Options): Promise<Measured> {
  const { host, port, publish } = endpoint(target);
  const pid = target.serverPid ?? NaN;
  const generator = await Generator.start();
  try {
    const path = streamPath(target, options);
    const timeoutMs = options.connectTimeoutMs;
    await generator.connect({
      host,
      port,
      path,
      count: options.subscribers,
      concurrency: 50,
      timeoutMs,
      expectedEvent: EVENT,
    });
    await sleep(1000);
    const cpuMeter = phaseCpuMeter({
      server: pid,
      generator: generator.pid,
      postgres: target.postgresPid,
    });
    const tally = await publishFlat(publish, options.publishers, options.batch, options.durationMs);
    const cpu = cpuMeter();
    const drainStart = performance.now();
    await generator.drain(tally.events, 60_000);
    const drainMs = performance.now() - drainStart;
    const report = await generator.report(tally.events, tally.idSum);
    return {
      target: target.name,
      server: target.server,
      publishers: options.publishers,
      batch: options.batch,
      published: tally.events,
      ...publishFigures(tally),
      acceptedPerSec: tally.events / (tally.elapsedMs / 1000),
      drainMs,
      deliveredPerSec: tally.events / ((tally.elapsedMs + drainMs) / 1000),
      ...cpu,
      rssEndKb: rssKb(pid),
      postgres: postgres(target),
      ...delivery(report),
      latency: report.latency,
      firstLatency: report.firstLatency,
      lastLatency: report.lastLatency,
    };
  } finally {
    await generator.close();
  }
}
