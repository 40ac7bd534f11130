import type { ConnectionStatus } from "@/lib/messages/status";
import type { LiveEvent } from "@/lib/realtime/client/event";
import { unionInterest, type Interest } from "@/lib/realtime/client/interest";

/** One hook instance's side of the tab's connection. */
export interface Subscriber {
  interest: Interest;
  onEvent(event: LiveEvent): void;
  onStatus(status: ConnectionStatus): void;
  onReset(): void;
}

/** The hook instances of one tab: what they need together, and the fan-out to each of them. */
export class Subscribers {
  #all = new Set<Subscriber>();

  add(subscriber: Subscriber): void {
    this.#all.add(subscriber);
  }

  delete(subscriber: Subscriber): void {
    this.#all.delete(subscriber);
  }

  interest(): Interest {
    return unionInterest([...this.#all].map((s) => s.interest));
  }

  /** Each subscriber gets only the event names it asked for. */
  event(event: LiveEvent): void {
    for (const subscriber of this.#all) {
      if (subscriber.interest.events.includes(event.name)) subscriber.onEvent(event);
    }
  }

  reset(): void {
    for (const subscriber of this.#all) subscriber.onReset();
  }

  status(status: ConnectionStatus): void {
    for (const subscriber of this.#all) subscriber.onStatus(status);
  }
}
