import type { ConnectionStatus } from "@/lib/messages/status";
import { isEventId, parseFrame, RESET_EVENT, type LiveEvent } from "@/lib/realtime/client/event";
import { listenedNames, sameList, streamUrl, type Interest } from "@/lib/realtime/client/interest";

/** The part of EventSource this module uses (a fake stands in for it in unit tests). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export type OpenEventSource = (url: string) => EventSourceLike;

/** EventSource.CLOSED, spelled out so this module also loads where EventSource is undefined. */
const CLOSED = 2;

export interface StreamCallbacks {
  onEvent(event: LiveEvent): void;
  /** `id` is the server's current position, where the stream continues live. */
  onReset(id: string | null): void;
  onStatus(status: ConnectionStatus): void;
}

/** One EventSource for a fixed topic set; listeners for more event names can be added while open. */
export class LiveStream {
  readonly topics: readonly string[];
  #source: EventSourceLike;
  #names = new Set<string>();
  #closed = false;
  #callbacks: StreamCallbacks;

  constructor(
    open: OpenEventSource,
    url: string,
    topics: readonly string[],
    callbacks: StreamCallbacks,
  ) {
    this.topics = topics;
    this.#callbacks = callbacks;
    this.#source = open(url);
    this.#source.onopen = () => this.#status("live");
    // EventSource retries by itself unless the server refused it (readyState CLOSED).
    this.#source.onerror = () =>
      this.#status(this.#source.readyState === CLOSED ? "offline" : "reconnecting");
  }

  /** Registers the names not yet listened to: named SSE events only reach their own listeners. */
  listen(names: Iterable<string>): void {
    for (const name of names) {
      if (this.#names.has(name)) continue;
      this.#names.add(name);
      this.#source.addEventListener(name, (event) => this.#receive(name, event));
    }
  }

  close(): void {
    this.#closed = true;
    this.#source.close();
  }

  #receive(name: string, event: MessageEvent): void {
    if (this.#closed) return;
    if (name === RESET_EVENT) {
      return this.#callbacks.onReset(isEventId(event.lastEventId) ? event.lastEventId : null);
    }
    const parsed = parseFrame(name, event.lastEventId, event.data);
    if (parsed) this.#callbacks.onEvent(parsed);
  }

  #status(status: ConnectionStatus): void {
    if (!this.#closed) this.#callbacks.onStatus(status);
  }
}

/** The one stream a leading tab keeps: re-targeted when its topics change, kept when only names do. */
export class StreamSlot {
  #open: OpenEventSource;
  #base: string;
  #callbacks: StreamCallbacks;
  #stream: LiveStream | null = null;

  constructor(open: OpenEventSource, base: string, callbacks: StreamCallbacks) {
    this.#open = open;
    this.#base = base;
    this.#callbacks = callbacks;
  }

  /** Opens the stream for `interest`, resuming after `lastEventId` (a fresh EventSource sends none). */
  update(interest: Interest, lastEventId: string | null, force = false): void {
    const current = this.#stream;
    if (!force && current && sameList(current.topics, interest.topics)) {
      return current.listen(listenedNames(interest));
    }
    this.close();
    if (interest.topics.length === 0) return;
    const url = streamUrl(this.#base, interest.topics, lastEventId);
    this.#stream = new LiveStream(this.#open, url, interest.topics, this.#callbacks);
    this.#stream.listen(listenedNames(interest));
  }

  close(): void {
    this.#stream?.close();
    this.#stream = null;
  }
}
