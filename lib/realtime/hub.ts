import pg from "pg";
import { Listener } from "@/lib/realtime/listener";
import { encodeStoredEvent } from "@/lib/realtime/frames";
import { latestId, readAfter } from "@/lib/realtime/log";
import { scheduleRetention } from "@/lib/realtime/retention";
import type { PgQueryable } from "@/lib/realtime/sql";
import { encodeRetry } from "@/lib/realtime/sse";
import { Registry } from "@/lib/realtime/registry";
import { Subscriber, type HubEvent, type StreamSink } from "@/lib/realtime/subscriber";
import type { StoredEvent, Viewer } from "@/lib/realtime/types";

export interface HubOptions {
  databaseUrl: string;
  /** `listen`: LISTEN/NOTIFY plus a safety poll; `poll`: the poll only (no LISTEN connection). */
  mode?: "listen" | "poll";
  pollMs?: number;
  heartbeatMs?: number;
  /** Streams end (with `retry:`) after this long; 0 = never. */
  maxLifetimeMs?: number;
  retryMs?: number;
  queueLimit?: number;
  /** Events older than this are pruned hourly; 0 keeps everything. */
  retentionDays?: number;
  retentionEveryMs?: number;
  /** Rows per catch-up query. */
  readLimit?: number;
  /** Runs the hub's reads (tests count them); a small pool of its own by default. */
  client?: PgQueryable;
  log?: (message: string) => void;
}

export interface SubscribeOptions {
  topics: readonly string[];
  viewer: Viewer;
  sink: StreamSink;
}

/** One per process: wakes on NOTIFY or poll, reads new events once, fans them out to subscribers. */
export class Hub {
  readonly options: Required<Omit<HubOptions, "client">>;
  readonly client: PgQueryable;
  /** Highest event id read from the log; live streams start after it. */
  cursor = 0n;
  /** Catch-up queries run so far (one per wake-up, whatever the number of subscribers). */
  catchUpQueries = 0;
  readonly listener: Listener | undefined;
  private readonly pool: pg.Pool | undefined;
  private readonly registry = new Registry((expired) => expired.close("lifetime", this.farewell()));
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private stopRetention = () => {};
  private running: Promise<void> | undefined;
  private wokenWhileRunning = false;
  private startup: Promise<void> | undefined;
  private closed = false;

  constructor(options: HubOptions) {
    this.options = {
      mode: "listen",
      pollMs: 1000,
      heartbeatMs: 15_000,
      maxLifetimeMs: 0,
      retryMs: 3000,
      queueLimit: 1000,
      retentionDays: 7,
      retentionEveryMs: 3_600_000,
      readLimit: 1000,
      log: (message) => console.warn(`[realtime] ${message}`),
      ...options,
    };
    if (options.client) this.client = options.client;
    else {
      this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
      this.pool.on("error", (error) => {
        if (!this.closed) this.options.log(`database: ${error.message}`);
      });
      this.client = this.pool;
    }
    if (this.options.mode === "listen") {
      const { databaseUrl, log } = this.options;
      this.listener = new Listener({ databaseUrl, log, onWake: () => void this.wake() });
    }
  }

  /** Reads the current position, then starts LISTEN, the safety poll, heartbeats and retention. */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(new Error("The realtime hub is closed"));
    this.startup ??= this.begin().catch((error: unknown) => {
      this.startup = undefined; // the next stream tries again
      throw error;
    });
    return this.startup;
  }

  private async begin(): Promise<void> {
    this.cursor = await latestId(this.client);
    if (this.closed) return;
    const { pollMs, heartbeatMs, retentionDays, retentionEveryMs, log } = this.options;
    this.timers.push(setInterval(() => void this.wake(), pollMs));
    this.timers.push(setInterval(() => this.heartbeat(), heartbeatMs));
    this.timers.forEach((timer) => timer.unref());
    this.stopRetention = scheduleRetention(this.client, retentionDays, retentionEveryMs, log);
    await this.listener?.start();
  }

  /** Catches up with the log; concurrent wake-ups share one run (plus one more if woken during it). */
  wake(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.wokenWhileRunning = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.wokenWhileRunning = false;
          await this.catchUp();
        } while (this.wokenWhileRunning && !this.closed);
      } catch (error) {
        this.options.log(`catch-up failed: ${(error as Error).message}`);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async catchUp(): Promise<void> {
    // One page never overflows a healthy subscriber's queue by itself.
    const readLimit = Math.min(this.options.readLimit, this.options.queueLimit);
    for (;;) {
      this.catchUpQueries++;
      const events = await readAfter(this.cursor, { limit: readLimit, client: this.client });
      if (this.closed) return;
      for (const event of events) {
        if (event.id <= this.cursor) continue;
        this.cursor = event.id;
        this.fanOut(event);
      }
      if (events.length < readLimit) return;
    }
  }

  private fanOut(event: StoredEvent): void {
    const subscribers = this.registry.subscribersOf(event.topic);
    if (!subscribers?.size) return;
    let frame: Uint8Array | undefined;
    const hubEvent: HubEvent = {
      id: event.id,
      topic: event.topic,
      audience: event.audience,
      // Encoded on first use and shared by every subscriber that receives it.
      frame: () => (frame ??= encodeStoredEvent(event)),
    };
    for (const subscriber of subscribers) subscriber.receive(hubEvent);
  }

  private heartbeat(): void {
    // A socket that has not drained for two heartbeats is as good as gone.
    const now = Date.now();
    const stallMs = 2 * this.options.heartbeatMs;
    for (const subscriber of this.registry.subscribers()) subscriber.ping(now, stallMs);
  }

  /** Registers a stream; it holds live events until `goLive` (after any replay). */
  subscribe({ topics, viewer, sink }: SubscribeOptions): Subscriber {
    if (this.closed) throw new Error("The realtime hub is closed");
    const { maxLifetimeMs, queueLimit } = this.options;
    const subscriber = new Subscriber({
      topics,
      viewer,
      sink,
      queueLimit,
      expiresAt: maxLifetimeMs > 0 ? Date.now() + maxLifetimeMs : Infinity,
      onClose: (closed) => this.registry.remove(closed),
    });
    this.registry.add(subscriber);
    return subscriber;
  }

  /** The last frame of a stream the server ends: a `retry:` between 1x and 2x the usual delay. */
  farewell(): Uint8Array {
    // Spread the reconnects of streams ended together (same lifetime, shutdown) over a window.
    const { retryMs } = this.options;
    return encodeRetry(retryMs + Math.floor(Math.random() * retryMs));
  }

  /** Open streams per topic. */
  presence(): Map<string, number> {
    return this.registry.presence();
  }

  get streamCount(): number {
    return this.registry.size;
  }

  /** Ends every stream (with `retry:`) and releases the database connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.timers.splice(0).forEach(clearInterval);
    this.stopRetention();
    for (const subscriber of this.registry.clear()) subscriber.close("shutdown", this.farewell());
    await Promise.allSettled([this.listener?.close(), this.running]);
    await this.pool?.end().catch(() => {});
  }
}
