import type { LocksLike } from "@/lib/realtime/client/election";
import type { ChannelLike } from "@/lib/realtime/client/tab-channel";
import type { EventSourceLike } from "@/lib/realtime/client/stream";

/** A scripted EventSource: tests open it, emit named frames, and fail it. */
export class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly url: URL;
  #listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(url: string) {
    this.url = new URL(url, "http://tidings.test");
  }

  get topics(): string | null {
    return this.url.searchParams.get("topics");
  }

  get lastEventId(): string | null {
    return this.url.searchParams.get("lastEventId");
  }

  get names(): string[] {
    return [...this.#listeners.keys()].sort();
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event("open"));
  }

  emit(name: string, id: string, data: unknown): void {
    const raw = typeof data === "string" ? data : JSON.stringify(data);
    const event = new MessageEvent(name, { data: raw, lastEventId: id });
    for (const listener of this.#listeners.get(name) ?? []) listener(event);
  }

  fail(closed: boolean): void {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event("error"));
  }
}

type Entry = { callback: () => Promise<void>; resolve: () => void; reject: (e: unknown) => void };

const abortError = () => new DOMException("The lock request was aborted", "AbortError");

/** An in-memory Web Locks manager for one lock name: a queue, abort signals, and steal. */
export class FakeLocks implements LocksLike {
  #holder: Entry | null = null;
  #queue: Entry[] = [];

  request(
    _name: string,
    options: { signal?: AbortSignal; steal?: boolean },
    callback: () => Promise<void>,
  ): Promise<unknown> {
    return new Promise<void>((resolve, reject) => {
      const entry: Entry = { callback, resolve, reject };
      if (options.steal) {
        const robbed = this.#holder;
        this.#holder = null;
        robbed?.reject(abortError());
        return this.#grant(entry);
      }
      options.signal?.addEventListener("abort", () => {
        if (!this.#queue.includes(entry)) return;
        this.#queue = this.#queue.filter((queued) => queued !== entry);
        reject(abortError());
      });
      if (this.#holder) this.#queue.push(entry);
      else this.#grant(entry);
    });
  }

  get waiting(): number {
    return this.#queue.length;
  }

  #grant(entry: Entry): void {
    this.#holder = entry;
    void entry.callback().then(() => {
      if (this.#holder !== entry) return; // stolen meanwhile
      this.#holder = null;
      entry.resolve();
      const next = this.#queue.shift();
      if (next) this.#grant(next);
    });
  }
}

/** A BroadcastChannel whose outgoing messages can be cut, as if its tab froze. */
export class MutableChannel implements ChannelLike {
  muted = false;
  #channel: BroadcastChannel;

  constructor(name: string) {
    this.#channel = new BroadcastChannel(name);
  }

  set onmessage(handler: ((event: MessageEvent) => void) | null) {
    this.#channel.onmessage = handler;
  }

  get onmessage(): ((event: MessageEvent) => void) | null {
    return this.#channel.onmessage as ((event: MessageEvent) => void) | null;
  }

  postMessage(message: unknown): void {
    if (!this.muted) this.#channel.postMessage(message);
  }

  close(): void {
    this.#channel.close();
  }
}
