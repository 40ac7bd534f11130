import type { ConnectionStatus } from "@/lib/messages/status";
import { Election, type LocksLike } from "@/lib/realtime/client/election";
import { IdWatermark, type LiveEvent } from "@/lib/realtime/client/event";
import {
  NO_INTEREST,
  sameList,
  unionInterest,
  type Interest,
} from "@/lib/realtime/client/interest";
import { LOCK_NAME, type TabMessage, type TabMessageBody } from "@/lib/realtime/client/protocol";
import { Subscribers, type Subscriber } from "@/lib/realtime/client/subscribers";
import { StreamSlot, type OpenEventSource } from "@/lib/realtime/client/stream";
import { TabChannel, type ChannelLike } from "@/lib/realtime/client/tab-channel";

export interface LiveClientOptions {
  streamBase: string;
  openEventSource: OpenEventSource;
  tabId: string;
  /** Both present: tabs share one leader's stream. Either missing: this tab opens its own. */
  locks?: LocksLike | undefined;
  channel?: ChannelLike | undefined;
  /** Leader heartbeat; a follower that hears nothing for three of them takes over. */
  heartbeatMs?: number;
  now?: () => number;
}

type Role = "idle" | "solo" | "follower" | "leader";

/** A tab's live connection: every hook instance of the tab subscribes here. */
export class LiveClient {
  #options: LiveClientOptions;
  #subscribers = new Subscribers();
  #watermark = new IdWatermark();
  #role: Role = "idle";
  #status: ConnectionStatus = "connecting";
  #announced: Interest = NO_INTEREST;
  #stream: StreamSlot;
  #tabs: TabChannel | null = null;
  #election: Election | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #syncQueued = false;

  constructor(options: LiveClientOptions) {
    this.#options = options;
    this.#stream = new StreamSlot(options.openEventSource, options.streamBase, {
      onEvent: (event) => this.#receive(event, true),
      onReset: (id) => this.#reset(id, true),
      onStatus: (status) => this.#setStatus(status),
    });
  }

  get role(): Role {
    return this.#role;
  }

  subscribe(subscriber: Subscriber): () => void {
    this.#subscribers.add(subscriber);
    this.#start();
    subscriber.onStatus(this.#status);
    this.#queueSync();
    return () => {
      this.#subscribers.delete(subscriber);
      this.#queueSync();
    };
  }

  /** The Reconnect button: reopens the stream here, or asks the leader to. */
  reconnect(): void {
    this.#setStatus("connecting");
    if (this.#leading()) this.#connect(true);
    else this.#post({ kind: "reconnect" });
  }

  /** The page is going away: drop this tab's topics from the shared stream. */
  leave(): void {
    this.#post({ kind: "leave" });
    this.#announced = NO_INTEREST;
  }

  /** The page came back from the back-forward cache: announce its topics again. */
  rejoin(): void {
    this.#queueSync();
  }

  close(): void {
    this.#role = "idle";
    this.#election?.stop();
    this.#stream.close();
    if (this.#timer) clearInterval(this.#timer);
    this.#tabs?.close();
  }

  #start(): void {
    if (this.#role !== "idle") return;
    const { locks, channel, tabId, heartbeatMs = 5000, now = Date.now } = this.#options;
    if (!locks || !channel) {
      this.#role = "solo";
      return;
    }
    this.#role = "follower";
    this.#tabs = new TabChannel(channel, tabId, now);
    this.#tabs.listen((message) => this.#handle(message));
    this.#timer = setInterval(() => this.#tick(3 * heartbeatMs), heartbeatMs);
    this.#election = new Election(locks, LOCK_NAME, {
      lead: () => this.#lead(),
      lose: () => this.#follow(),
    });
    this.#election.join();
  }

  #lead(): void {
    this.#role = "leader";
    this.#tabs?.heardLeader(this.#options.tabId);
    this.#connect(false);
    this.#broadcastStatus();
  }

  #follow(): void {
    this.#role = "follower";
    this.#stream.close();
    this.#tabs?.resetSilence();
  }

  #leading(): boolean {
    return this.#role === "leader" || this.#role === "solo";
  }

  // Coalesces the subscriptions of one React commit into one announcement and one connect.
  #queueSync(): void {
    if (this.#syncQueued) return;
    this.#syncQueued = true;
    queueMicrotask(() => {
      this.#syncQueued = false;
      if (this.#role === "idle") return;
      const own = this.#subscribers.interest();
      const { topics, events } = this.#announced;
      if (!sameList(own.topics, topics) || !sameList(own.events, events)) {
        this.#post({ kind: "subscribe", interest: own });
      }
      this.#announced = own;
      if (this.#leading()) this.#connect(false);
    });
  }

  /** Keeps one stream for the union of every tab's topics, resuming after the last event seen. */
  #connect(force: boolean): void {
    const union = unionInterest([
      this.#subscribers.interest(),
      ...(this.#tabs?.peers.values() ?? []),
    ]);
    // Nobody listens any more: the next page starts from its own snapshot, not from a replay.
    if (union.topics.length === 0) this.#watermark.restartAt(null);
    this.#stream.update(union, this.#watermark.last, force);
  }

  #receive(event: LiveEvent, fromStream: boolean): void {
    if (!this.#watermark.accept(event.id)) return;
    if (fromStream && this.#role === "leader") this.#post({ kind: "event", event });
    this.#subscribers.event(event);
  }

  #reset(lastId: string | null, fromStream: boolean): void {
    // The log may be a new one with smaller ids: the mark restarts at the server's position.
    this.#watermark.restartAt(lastId);
    if (fromStream && this.#role === "leader") this.#post({ kind: "reset", lastId });
    this.#subscribers.reset();
  }

  #setStatus(status: ConnectionStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#subscribers.status(status);
    if (this.#role === "leader") this.#broadcastStatus();
  }

  #broadcastStatus(): void {
    this.#post({ kind: "status", status: this.#status, lastId: this.#watermark.last });
  }

  #handle(message: TabMessage): void {
    if (this.#role === "idle") return;
    const leader = this.#role === "leader";
    switch (message.kind) {
      case "subscribe":
      case "leave":
        this.#queueSync();
        if (leader && message.kind === "subscribe") this.#broadcastStatus(); // tell the newcomer
        return;
      case "reconnect":
        if (leader && this.#status === "offline") this.reconnect();
        else if (leader) this.#broadcastStatus();
        return;
      case "status":
        this.#heardLeader(message.from);
        if (leader) return;
        // Ordered channel: every event up to the leader's mark has already reached this tab.
        if (message.lastId !== null) this.#watermark.advanceTo(message.lastId);
        return this.#setStatus(message.status);
      case "event":
        this.#heardLeader(message.from);
        return this.#receive(message.event, false);
      case "reset":
        this.#heardLeader(message.from);
        if (!leader) this.#reset(message.lastId, false);
        return;
    }
  }

  #heardLeader(from: string): void {
    // A new leader starts from its own view of the peers: tell it what this tab needs.
    if (this.#tabs?.heardLeader(from) && this.#role === "follower") {
      this.#post({ kind: "subscribe", interest: this.#subscribers.interest() });
    }
  }

  #tick(staleAfterMs: number): void {
    if (this.#role === "leader") return this.#broadcastStatus();
    if (this.#role !== "follower" || (this.#tabs?.silentFor() ?? 0) <= staleAfterMs) return;
    // The leader holds the lock but went silent (frozen or hung tab): take over.
    this.#setStatus("reconnecting");
    this.#tabs?.resetSilence();
    this.#election?.steal();
  }

  #post(body: TabMessageBody): void {
    this.#tabs?.post(body);
  }
}
