/** Publishing through the HTTP API: single events at a fixed rate, or batches as fast as accepted. */
import http from "node:http";
import { monotonicMs } from "./stats";

export interface PublishTarget {
  baseUrl: string;
  token: string;
  topic: string;
}

export interface PublishTally {
  events: number;
  idSum: number;
  requests: number;
  failures: Record<string, number>;
  /** Round-trip times of accepted requests (ms). */
  roundTrips: number[];
}

export function newTally(): PublishTally {
  return { events: 0, idSum: 0, requests: 0, failures: {}, roundTrips: [] };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Payloads carry `t`, the shared monotonic send time, so receivers can compute latency. */
export function makeEvents(topic: string, count: number, seq: number, stamp = true): object[] {
  const t = monotonicMs();
  const payload = (i: number) => (stamp ? { t, seq: seq + i } : { warmup: true, seq: seq + i });
  return Array.from({ length: count }, (_, i) => ({ topic, type: "tick", payload: payload(i) }));
}

/** POSTs one body; records ids (their count and sum) and failures in `tally`. */
export function post(
  target: PublishTarget,
  body: object | object[],
  tally: PublishTally,
): Promise<void> {
  return send(target, Buffer.from(JSON.stringify(body)), tally, true);
}

function send(
  target: PublishTarget,
  data: Buffer,
  tally: PublishTally,
  mayRetry: boolean,
): Promise<void> {
  const url = new URL("/api/events", target.baseUrl);
  const started = performance.now();
  tally.requests++;
  return new Promise((resolve) => {
    const fail = (why: string) => {
      tally.failures[why] = (tally.failures[why] ?? 0) + 1;
      resolve();
    };
    const req = http.request(url, {
      method: "POST",
      agent,
      headers: {
        "Content-Type": "application/json",
        "Content-Length": data.length,
        Authorization: `Bearer ${target.token}`,
      },
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed while idle: it never read the request (Node's documented retry).
      if (mayRetry && req.reusedSocket && error.code === "ECONNRESET") {
        tally.requests--;
        resolve(send(target, data, tally, false));
      } else fail(error.code ?? error.message);
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", () => fail("response error"));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 202) return fail(`HTTP ${res.statusCode}: ${text.slice(0, 120)}`);
        const ids = (JSON.parse(text) as { ids: (string | number)[] }).ids.map(Number);
        tally.events += ids.length;
        for (const id of ids) tally.idSum += id;
        tally.roundTrips.push(performance.now() - started);
        resolve();
      });
    });
    req.end(data);
  });
}

/** `rate` events/s for `durationMs`: one request per tick (ticks at most every 10 ms). */
export async function publishAtRate(
  target: PublishTarget,
  rate: number,
  durationMs: number,
  tally = newTally(),
  stamp = true,
): Promise<PublishTally> {
  const interval = Math.max(1000 / rate, 10);
  const perTick = Math.max(1, Math.round((rate * interval) / 1000));
  const start = performance.now();
  const pending: Promise<void>[] = [];
  let seq = 0;
  for (let tick = 0; tick * interval < durationMs; tick++) {
    const wait = start + tick * interval - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const events = makeEvents(target.topic, perTick, seq, stamp);
    seq += perTick;
    pending.push(post(target, perTick === 1 ? events[0]! : events, tally));
  }
  await Promise.all(pending);
  return tally;
}

/** `publishers` closed loops posting batches of `batch` for `durationMs`. */
export async function publishFlat(
  target: PublishTarget,
  publishers: number,
  batch: number,
  durationMs: number,
): Promise<PublishTally & { elapsedMs: number }> {
  const tally = newTally();
  const start = performance.now();
  let seq = 0;
  const loop = async () => {
    while (performance.now() - start < durationMs) {
      const events = makeEvents(target.topic, batch, seq);
      seq += batch;
      await post(target, events, tally);
    }
  };
  await Promise.all(Array.from({ length: publishers }, loop));
  return { ...tally, elapsedMs: performance.now() - start };
}
