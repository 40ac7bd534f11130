/** Fan-out: N subscribers, R events/s; connect time, latency, RSS per stream, CPU, delivery. */
import http from "node:http";
import type { Options } from "./args";
import { Generator } from "./generator";
import {
  EVENT,
  TOPIC,
  delivery,
  endpoint,
  postgres,
  sleep,
  streamPath,
  type Measured,
  publishFigures,
} from "./mode-common";
import { fdCount, phaseCpuMeter, rssKb } from "./proc";
import { makeEvents, newTally, post, publishAtRate, type PublishTarget } from "./publisher";
import type { Target } from "./targets";

/** Loads both routes once (lazy modules, pools) so the first stream's RSS is not the server's start-up. */
async function warmUp(host: string, port: number, path: string, publish: PublishTarget) {
  await post(publish, makeEvents(TOPIC, 1, -1, false), newTally());
  await new Promise<void>((resolve) => {
    const req = http.get({ host, port, path, agent: false }, (res) => {
      res.once("data", () => req.destroy());
      res.once("close", resolve);
    });
    req.once("error", () => resolve());
    req.setTimeout(10_000, () => req.destroy());
  });
}

export async function runFanout(target: Target, options: Options): Promise<Measured> {
  const { host, port, publish } = endpoint(target);
  const pid = target.serverPid ?? NaN;
  const generator = await Generator.start();
  try {
    await warmUp(host, port, streamPath(target, options), publish);
    await sleep(1000);
    const rssBeforeKb = rssKb(pid);
    const connect = await generator.connect({
      host,
      port,
      path: streamPath(target, options),
      count: options.subscribers,
      concurrency: options.concurrency,
      timeoutMs: options.connectTimeoutMs,
      expectedEvent: EVENT,
    });
    // Let every stream register with the hub (and the heap settle) before measuring.
    await sleep(2000);
    const rssAfterKb = rssKb(pid);
    const fds = { serverFds: fdCount(pid), generatorFds: fdCount(generator.pid) };
    // Unstamped warm-up events (delivery is still checked) so JIT warm-up is not counted as latency.
    const tally = await publishAtRate(publish, options.rate, 2000, newTally(), false);
    const cpuMeter = phaseCpuMeter({
      server: pid,
      generator: generator.pid,
      postgres: target.postgresPid,
    });
    await publishAtRate(publish, options.rate, options.durationMs, tally);
    const cpu = cpuMeter();
    await generator.drain(tally.events, 10_000);
    const report = await generator.report(tally.events, tally.idSum);
    return {
      target: target.name,
      server: target.server,
      connected: connect.connected,
      failed: connect.failed,
      connectErrors: connect.errors,
      connectMs: connect.elapsedMs,
      rssBeforeKb,
      rssAfterKb,
      rssPerStreamKb: connect.connected ? (rssAfterKb - rssBeforeKb) / connect.connected : NaN,
      rssEndKb: rssKb(pid),
      postgres: postgres(target),
      ...fds,
      ...cpu,
      published: tally.events,
      ...publishFigures(tally),
      ...delivery(report),
      latency: report.latency,
      firstLatency: report.firstLatency,
      lastLatency: report.lastLatency,
    };
  } finally {
    await generator.close();
  }
}
