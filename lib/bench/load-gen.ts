/** Load generator child: opens N SSE subscribers and records publish→receive latency (IPC-driven). */
import { performance } from "node:perf_hooks";
import type { Command, ConnectCommand, GeneratorMessage } from "./protocol";
import { SampleBuffer, monotonicMs, summarize } from "./stats";
import { Subscriber, type SubscriberHooks } from "./subscriber";

// performance.now() is cheaper than hrtime.bigint(); the offset maps it onto the shared monotonic clock.
const offset = monotonicMs() - performance.now();
const subscribers: Subscriber[] = [];
const latencies = new SampleBuffer();
// Per event: the first and the last subscriber's latency (pipeline vs. fan-out spread).
const firstById = new Map<number, number>();
const lastById = new Map<number, number>();
let dropped = 0;

function send(message: GeneratorMessage): void {
  process.send?.(message);
}

function connect(command: ConnectCommand): void {
  const { host, port, path, count, concurrency, timeoutMs, untilCount } = command;
  const errors: Record<string, number> = {};
  const started = performance.now();
  let next = 0;
  let inFlight = 0;
  let connected = 0;
  let failed = 0;
  let lastConnectAt = started;
  let reported = false;
  const finish = () => {
    if (reported || connected + failed < count) return;
    reported = true;
    clearTimeout(deadline);
    const elapsedMs = lastConnectAt - started;
    send({ type: "connected", connected, failed, elapsedMs, errors });
  };
  const hooks: SubscriberHooks = {
    now: () => performance.now() + offset,
    onHeaders(_sub, ok, reason) {
      inFlight--;
      if (ok) {
        connected++;
        lastConnectAt = performance.now();
      } else {
        failed++;
        errors[reason] = (errors[reason] ?? 0) + 1;
      }
      launch();
      finish();
    },
    onClose(sub) {
      if (sub.connected) dropped++;
    },
    onLatency(ms, id) {
      latencies.push(ms);
      if (!(ms >= (firstById.get(id) ?? Infinity))) firstById.set(id, ms);
      if (!(ms <= (lastById.get(id) ?? -Infinity))) lastById.set(id, ms);
    },
  };
  if (untilCount !== undefined) watchUntil(untilCount);
  const launch = () => {
    while (inFlight < concurrency && next < count) {
      const sub = new Subscriber(hooks, command.expectedEvent);
      subscribers.push(sub);
      next++;
      inFlight++;
      sub.open(host, port, path);
    }
  };
  const deadline = setTimeout(() => {
    for (const sub of subscribers) if (!sub.connected) sub.fail("connect timeout");
    while (next < count) {
      next++;
      failed++;
      errors["not attempted"] = (errors["not attempted"] ?? 0) + 1;
    }
    finish();
  }, timeoutMs);
  launch();
}

function watchUntil(untilCount: number): void {
  const timer = setInterval(() => {
    const sub = subscribers[0];
    if (!sub || sub.distinct < untilCount) return;
    clearInterval(timer);
    const now = performance.now() + offset;
    send({
      type: "reached",
      elapsedMs: now - sub.startedAt,
      firstByteMs: sub.firstByteAt - sub.startedAt,
    });
  }, 1);
}

function progress(): GeneratorMessage {
  let received = 0;
  let minReceived = Infinity;
  for (const sub of subscribers) {
    if (!sub.connected) continue;
    received += sub.distinct;
    minReceived = Math.min(minReceived, sub.distinct);
  }
  return {
    type: "progress",
    received,
    minReceived: Number.isFinite(minReceived) ? minReceived : 0,
  };
}

function report(expectedCount: number, expectedIdSum: number): GeneratorMessage {
  let received = 0;
  let lost = 0;
  let duplicated = 0;
  let mismatched = 0;
  let unexpectedEvents = 0;
  let pings = 0;
  let open = 0;
  let connected = 0;
  for (const sub of subscribers) {
    if (!sub.connected) continue;
    connected++;
    if (!sub.closed) open++;
    received += sub.distinct;
    duplicated += sub.duplicated;
    unexpectedEvents += sub.unexpected;
    pings += sub.pings;
    lost += Math.max(0, expectedCount - sub.distinct);
    if (sub.distinct === expectedCount && sub.idSum !== expectedIdSum) mismatched++;
  }
  const latency = summarize(latencies.view());
  const firstLatency = summarize(Float64Array.from(firstById.values()));
  const lastLatency = summarize(Float64Array.from(lastById.values()));
  return {
    type: "report",
    subscribers: connected,
    open,
    dropped,
    received,
    lost,
    duplicated,
    mismatched,
    unexpectedEvents,
    pings,
    latency,
    firstLatency,
    lastLatency,
  };
}

process.on("message", (message: Command) => {
  if (message.cmd === "connect") connect(message);
  else if (message.cmd === "progress") send(progress());
  else if (message.cmd === "report") send(report(message.expectedCount, message.expectedIdSum));
  else if (message.cmd === "close") {
    for (const sub of subscribers) sub.socket?.destroy();
    process.disconnect?.();
    setTimeout(() => process.exit(0), 50);
  }
});
// Without the orchestrator there is nothing to do: exit rather than linger.
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
