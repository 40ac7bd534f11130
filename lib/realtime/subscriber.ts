import { canSee } from "@/lib/realtime/audience";
import { PING } from "@/lib/realtime/sse";
import type { Audience, Viewer } from "@/lib/realtime/types";

/** Where a stream's bytes go: a node:http response or a Web ReadableStream controller. */
export interface StreamSink {
  /** Writes one frame; false when the client is not keeping up (wait for `Subscriber.drain`). */
  write(chunk: Uint8Array): boolean;
  /** Ends the response after what was written. */
  end(): void;
  /** Aborts the response now (a subscriber that fell behind). */
  destroy(): void;
}

/** One committed event as the hub fans it out; `frame()` is encoded once and shared. */
export interface HubEvent {
  id: bigint;
  topic: string;
  audience: Audience;
  frame(): Uint8Array;
}

export type CloseReason = "client" | "lifetime" | "shutdown" | "slow";

export interface SubscriberOptions {
  topics: readonly string[];
  viewer: Viewer;
  sink: StreamSink;
  /** Frames (or held live events) allowed to wait before the subscriber counts as fallen behind. */
  queueLimit: number;
  expiresAt: number;
  onClose: (subscriber: Subscriber, reason: CloseReason) => void;
}

/** One open stream: its topics and viewer, a bounded queue, and the highest id it was sent. */
export class Subscriber {
  readonly topics: readonly string[];
  readonly viewer: Viewer;
  readonly expiresAt: number;
  /** Highest event id written; live events at or below it are duplicates. */
  lastId = 0n;
  closed = false;
  private held: HubEvent[] | null = [];
  private queue: Uint8Array[] = [];
  private blocked = false;
  private missedLive = false;
  private blockedSince = 0;
  private drained: (() => void)[] = [];

  constructor(private readonly options: SubscriberOptions) {
    this.topics = options.topics;
    this.viewer = options.viewer;
    this.expiresAt = options.expiresAt;
  }

  /** A live event from the hub: held while replaying, otherwise sent unless seen or not visible. */
  receive(event: HubEvent): void {
    if (this.closed || !canSee(this.viewer, event.audience)) return;
    if (this.held) {
      // Too many to hold: forget them; the replay reads the log once more, which has them all.
      if (this.held.length >= this.options.queueLimit) {
        this.held = [];
        this.missedLive = true;
      }
      this.held.push(event);
      return;
    }
    if (event.id <= this.lastId) return;
    this.lastId = event.id;
    this.send(event.frame());
  }

  /** Replay is done up to `after`: send the held live events after it, then go live. */
  goLive(after: bigint): void {
    if (after > this.lastId) this.lastId = after;
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.receive(event);
  }

  get replaying(): boolean {
    return this.held !== null;
  }

  /** Whether live events were forgotten while replaying (so the replay must read again); resets. */
  takeMissed(): boolean {
    const missed = this.missedLive;
    this.missedLive = false;
    return missed;
  }

  send(frame: Uint8Array): void {
    if (this.closed) return;
    if (this.blocked) {
      this.queue.push(frame);
      if (this.queue.length > this.options.queueLimit) this.close("slow");
      return;
    }
    if (!this.options.sink.write(frame)) this.block();
  }

  private block() {
    this.blocked = true;
    this.blockedSince = Date.now();
  }

  /** Heartbeat; a sink that has not drained for `stallMs` counts as fallen behind. */
  ping(now: number, stallMs: number): void {
    if (this.closed) return;
    if (!this.blocked) this.send(PING);
    else if (now - this.blockedSince >= stallMs) this.close("slow");
  }

  /** The sink can take more: write what queued up while it could not. */
  drain(): void {
    this.blocked = false;
    let next = 0;
    while (next < this.queue.length && !this.blocked && !this.closed) {
      if (!this.options.sink.write(this.queue[next++]!)) this.block();
    }
    this.queue = this.queue.slice(next);
    if (!this.blocked) this.drained.splice(0).forEach((resolve) => resolve());
  }

  /** Resolves once the sink has taken everything queued (at once when nothing is). */
  whenDrained(): Promise<void> {
    if (!this.blocked || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  /** Ends the stream; `last` (e.g. a `retry:` frame) is written first. A slow one is aborted. */
  close(reason: CloseReason, last?: Uint8Array): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = [];
    this.held = null;
    if (reason === "slow") this.options.sink.destroy();
    else if (reason !== "client") {
      if (last) this.options.sink.write(last);
      this.options.sink.end();
    }
    this.drained.splice(0).forEach((resolve) => resolve());
    this.options.onClose(this, reason);
  }
}
