/** The part of the Web Locks API (navigator.locks) the election uses. */
export interface LocksLike {
  request(
    name: string,
    options: { signal?: AbortSignal; steal?: boolean },
    callback: () => Promise<void>,
  ): Promise<unknown>;
}

export interface ElectionEvents {
  /** This tab now holds the lock. */
  lead(): void;
  /** Another tab stole the lock from this one. */
  lose(): void;
}

/**
 * Leader election over one Web Lock: the holder keeps it for as long as it lives (the browser
 * releases it when the tab closes); every other tab waits in the lock's queue.
 */
export class Election {
  #locks: LocksLike;
  #name: string;
  #events: ElectionEvents;
  #pending: AbortController | null = null;
  #held: AbortController | null = null;
  #release: (() => void) | null = null;
  #stopped = false;

  constructor(locks: LocksLike, name: string, events: ElectionEvents) {
    this.#locks = locks;
    this.#name = name;
    this.#events = events;
  }

  get leading(): boolean {
    return this.#held !== null;
  }

  join(): void {
    this.#request(false);
  }

  /** Takes the lock from a leader that stopped answering (a frozen or hung tab). */
  steal(): void {
    if (!this.leading && !this.#stopped) this.#request(true);
  }

  stop(): void {
    this.#stopped = true;
    this.#pending?.abort();
    this.#release?.();
  }

  #request(steal: boolean): void {
    this.#pending?.abort();
    const token = new AbortController();
    this.#pending = token;
    // The Web Locks API refuses a signal together with steal.
    const options = steal ? { steal: true } : { signal: token.signal };
    this.#locks
      .request(this.#name, options, () => {
        if (this.#pending === token) this.#pending = null;
        if (this.#stopped) return Promise.resolve();
        this.#held = token;
        return new Promise<void>((resolve) => {
          this.#release = resolve;
          this.#events.lead();
        });
      })
      .catch(() => {
        // A withdrawn request rejects too; only a lock we held being stolen matters.
        if (this.#held !== token) return;
        this.#held = null;
        this.#release = null;
        this.#events.lose();
        if (!this.#stopped) this.#request(false);
      });
  }
}
