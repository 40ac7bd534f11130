import type { Interest } from "@/lib/realtime/client/interest";
import {
  parseTabMessage,
  tabMessage,
  type TabMessage,
  type TabMessageBody,
} from "@/lib/realtime/client/protocol";

/** The part of BroadcastChannel the client uses. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

/**
 * A tab's end of the BroadcastChannel: stamps what it sends, validates what it receives, and keeps
 * what every tab learns from the traffic: the other tabs' interests and who leads, last heard when.
 */
export class TabChannel {
  readonly peers = new Map<string, Interest>();
  leaderId: string | null = null;
  #channel: ChannelLike;
  #tabId: string;
  #now: () => number;
  #leaderHeardAt: number;

  constructor(channel: ChannelLike, tabId: string, now: () => number) {
    this.#channel = channel;
    this.#tabId = tabId;
    this.#now = now;
    this.#leaderHeardAt = now();
  }

  /** Delivers every valid message from another tab, after updating the peers' interests. */
  listen(onMessage: (message: TabMessage) => void): void {
    this.#channel.onmessage = (event) => {
      const message = parseTabMessage(event.data);
      if (!message || message.from === this.#tabId) return;
      if (message.kind === "subscribe") this.peers.set(message.from, message.interest);
      if (message.kind === "leave") this.peers.delete(message.from);
      onMessage(message);
    };
  }

  post(body: TabMessageBody): void {
    this.#channel.postMessage(tabMessage(this.#tabId, body));
  }

  /** Notes a sign of life from the leader; true when it is a different leader than before. */
  heardLeader(from: string): boolean {
    this.#leaderHeardAt = this.#now();
    if (from === this.leaderId) return false;
    this.leaderId = from;
    return true;
  }

  /** Restarts the silence clock (on losing the lead, or after trying to take it). */
  resetSilence(): void {
    this.#leaderHeardAt = this.#now();
  }

  silentFor(): number {
    return this.#now() - this.#leaderHeardAt;
  }

  close(): void {
    this.#channel.onmessage = null;
    this.#channel.close();
  }
}
