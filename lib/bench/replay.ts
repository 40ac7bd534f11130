/** Replay: publish E events, then time one client reconnecting with ?lastEventId= until it has them all. */
import type { Options } from "./args";
import { Generator } from "./generator";
import { EVENT, TOPIC, delivery, endpoint, streamPath, type Measured } from "./mode-common";
import { makeEvents, newTally, post } from "./publisher";
import type { Target } from "./targets";

export async function runReplay(target: Target, options: Options): Promise<Measured> {
  const { host, port, publish } = endpoint(target);
  const marker = newTally();
  await post(publish, makeEvents(TOPIC, 1, -1), marker);
  if (marker.events !== 1)
    throw new Error(`marker publish failed: ${JSON.stringify(marker.failures)}`);
  const before = marker.idSum;
  const tally = newTally();
  for (let sent = 0; sent < options.events; sent += options.batch) {
    await post(
      publish,
      makeEvents(TOPIC, Math.min(options.batch, options.events - sent), sent),
      tally,
    );
  }
  const generator = await Generator.start();
  try {
    const reached = generator.next("reached", 60_000);
    const path = streamPath(target, options, `&lastEventId=${before}`);
    const base = {
      host,
      port,
      path,
      count: 1,
      concurrency: 1,
      timeoutMs: 30_000,
      expectedEvent: EVENT,
    };
    await generator.connect({ ...base, untilCount: tally.events });
    const { elapsedMs, firstByteMs } = await reached.catch(() => ({
      elapsedMs: NaN,
      firstByteMs: NaN,
    }));
    const report = await generator.report(tally.events, tally.idSum);
    return {
      target: target.name,
      server: target.server,
      published: tally.events,
      publishFailures: tally.failures,
      lastEventId: before,
      replayMs: elapsedMs,
      firstByteMs,
      ...delivery(report),
    };
  } finally {
    await generator.close();
  }
}
