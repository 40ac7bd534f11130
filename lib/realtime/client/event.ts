/** One event as every tab sees it: the SSE id (decimal), its name (`<topic>.<type>`) and JSON payload. */
export interface LiveEvent {
  id: string;
  name: string;
  data: unknown;
}

/** The server's explicit "your last id is older than retained history" event. */
export const RESET_EVENT = "reset";

const ID_PATTERN = /^\d{1,20}$/;

export function isEventId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

/** Builds an event from what EventSource hands a listener; null for a frame without a usable id or JSON. */
export function parseFrame(name: string, lastEventId: string, data: unknown): LiveEvent | null {
  if (name === "" || !isEventId(lastEventId) || typeof data !== "string") return null;
  try {
    return { id: lastEventId, name, data: JSON.parse(data) as unknown };
  } catch {
    return null;
  }
}

/**
 * Remembers the highest id seen on one connection scope. Ids only grow (compared as BigInt, since
 * they can exceed 2^53), so anything at or below the mark is a replay and is dropped.
 */
export class IdWatermark {
  #last: bigint | null = null;

  get last(): string | null {
    return this.#last === null ? null : this.#last.toString();
  }

  /** True (and advances the mark) when `id` is newer than everything seen so far. */
  accept(id: string): boolean {
    if (!isEventId(id)) return false;
    const value = BigInt(id);
    if (this.#last !== null && value <= this.#last) return false;
    this.#last = value;
    return true;
  }

  /** After the server's reset its history restarts at `id`, which may be below the mark (a new log). */
  restartAt(id: string | null): void {
    this.#last = isEventId(id) ? BigInt(id) : null;
  }

  /** Moves the mark forward to an id known to be delivered elsewhere (never backwards). */
  advanceTo(id: string): void {
    if (isEventId(id) && (this.#last === null || BigInt(id) > this.#last)) this.#last = BigInt(id);
  }
}
