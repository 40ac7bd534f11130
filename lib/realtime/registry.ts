import type { Subscriber } from "@/lib/realtime/subscriber";

/**
 * The open streams of one hub, by topic, in opening order. Every stream lives equally long, so
 * the oldest expires first and one timer (armed for the oldest) ends them all.
 */
export class Registry {
  private readonly all = new Set<Subscriber>();
  private readonly byTopic = new Map<string, Set<Subscriber>>();
  private lifetimeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly expire: (subscriber: Subscriber) => void) {}

  add(subscriber: Subscriber): void {
    this.all.add(subscriber);
    for (const topic of subscriber.topics) {
      let set = this.byTopic.get(topic);
      if (!set) this.byTopic.set(topic, (set = new Set()));
      set.add(subscriber);
    }
    this.armLifetime();
  }

  remove(subscriber: Subscriber): void {
    this.all.delete(subscriber);
    for (const topic of subscriber.topics) {
      const set = this.byTopic.get(topic);
      set?.delete(subscriber);
      if (set?.size === 0) this.byTopic.delete(topic);
    }
  }

  subscribersOf(topic: string): ReadonlySet<Subscriber> | undefined {
    return this.byTopic.get(topic);
  }

  subscribers(): IterableIterator<Subscriber> {
    return this.all.values();
  }

  get size(): number {
    return this.all.size;
  }

  /** Open streams per topic. */
  presence(): Map<string, number> {
    return new Map([...this.byTopic].map(([topic, set]) => [topic, set.size]));
  }

  private armLifetime(): void {
    const oldest = this.all.values().next().value;
    if (this.lifetimeTimer || !oldest || oldest.expiresAt === Infinity) return;
    this.lifetimeTimer = setTimeout(
      () => {
        this.lifetimeTimer = undefined;
        const now = Date.now();
        for (const subscriber of this.all) {
          if (subscriber.expiresAt > now) break;
          this.expire(subscriber);
        }
        this.armLifetime();
      },
      Math.max(0, oldest.expiresAt - Date.now()),
    );
    this.lifetimeTimer.unref();
  }

  /** Stops the lifetime timer and returns every open stream (to end them). */
  clear(): Subscriber[] {
    clearTimeout(this.lifetimeTimer);
    return [...this.all];
  }
}
