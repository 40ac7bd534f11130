import { encodeEvents, publish } from "@/lib/realtime/log";
import type { LogClient } from "@/lib/realtime/sql";
import type { EventInput } from "@/lib/realtime/types";

export interface BatcherOptions {
  /** How long the first queued event waits for company (ms). */
  maxDelayMs?: number;
  /** A batch this large is appended at once. */
  maxEvents?: number;
}

export interface Batcher {
  /** Queues events; resolves with their ids once the batch holding them has committed. */
  publish(events: readonly EventInput[]): Promise<bigint[]>;
  /** Appends whatever is queued now. */
  flush(): Promise<void>;
}

interface Pending {
  events: readonly EventInput[];
  resolve: (ids: bigint[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces publishes from high-rate producers into one append (one statement, one transaction)
 * every few ms; at most one append runs at a time and the next batch forms while it does.
 */
export function createBatcher(client: LogClient, options: BatcherOptions = {}): Batcher {
  const { maxDelayMs = 5, maxEvents = 1000 } = options;
  let queue: Pending[] = [];
  let queued = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  async function append(batch: Pending[]) {
    try {
      const ids = await publish(
        client,
        batch.flatMap((p) => p.events),
      );
      let offset = 0;
      for (const pending of batch) {
        pending.resolve(ids.slice(offset, offset + pending.events.length));
        offset += pending.events.length;
      }
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }

  function drain(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (running || queue.length === 0) return running ?? Promise.resolve();
    const batch = queue;
    queue = [];
    queued = 0;
    running = append(batch).finally(() => {
      running = undefined;
      if (queue.length > 0) void drain();
    });
    return running;
  }

  return {
    publish(events) {
      if (events.length === 0) return Promise.resolve([]);
      try {
        encodeEvents(events); // invalid input fails its own caller, not the whole batch
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return new Promise<bigint[]>((resolve, reject) => {
        queue.push({ events, resolve, reject });
        queued += events.length;
        if (queued >= maxEvents) void drain();
        else timer ??= setTimeout(() => void drain(), maxDelayMs);
      });
    },
    async flush() {
      while (queue.length > 0 || running) await drain();
    },
  };
}
