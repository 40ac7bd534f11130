import { encodeReset, encodeStoredEvent, type ResetReason } from "@/lib/realtime/frames";
import type { Hub } from "@/lib/realtime/hub";
import { logBounds, readAfter, type LogBounds } from "@/lib/realtime/log";
import { encodeRetry } from "@/lib/realtime/sse";
import type { StreamSink, Subscriber } from "@/lib/realtime/subscriber";
import { canSee } from "@/lib/realtime/audience";
import type { Viewer } from "@/lib/realtime/types";

/** Events per replay query; the sink must drain between pages. */
export const REPLAY_PAGE = 500;

export interface OpenStreamOptions {
  topics: readonly string[];
  viewer: Viewer;
  /** The client's Last-Event-ID: replay after it. Undefined: live from the current position. */
  lastEventId?: bigint;
  sink: StreamSink;
}

/** Why a Last-Event-ID cannot be replayed, or null when it can. */
export function resetReason(
  lastEventId: bigint,
  { oldest, latest }: LogBounds,
): ResetReason | null {
  if (latest === null) return lastEventId > 0n ? "pruned" : null;
  if (lastEventId > latest) return "unknown-id";
  if (oldest !== null && lastEventId < oldest - 1n) return "pruned";
  return null;
}

/**
 * Opens a stream on a started hub: `retry:` first, then (with a Last-Event-ID) the stored events
 * after it, then live events. It subscribes before replaying and drops ids already sent, so there
 * is no gap and no duplicate.
 */
export function openStream(hub: Hub, options: OpenStreamOptions): Subscriber {
  const { topics, viewer, lastEventId, sink } = options;
  sink.write(encodeRetry(hub.options.retryMs));
  const subscriber = hub.subscribe({ topics, viewer, sink });
  if (lastEventId === undefined) subscriber.goLive(hub.cursor);
  else {
    replay(hub, subscriber, lastEventId).catch((error: Error) => {
      hub.options.log(`replay failed: ${error.message}`);
      // The client reconnects with the same Last-Event-ID and tries again.
      subscriber.close("shutdown", hub.farewell());
    });
  }
  return subscriber;
}

async function replay(hub: Hub, subscriber: Subscriber, lastEventId: bigint): Promise<void> {
  const bounds = await logBounds(hub.client);
  const reason = resetReason(lastEventId, bounds);
  if (reason) {
    const latest = bounds.latest ?? 0n;
    subscriber.send(encodeReset(reason, latest, bounds.oldest));
    return subscriber.goLive(latest);
  }
  let after = lastEventId;
  // A page never overflows the queue on its own, however small the queue is configured.
  const limit = Math.min(REPLAY_PAGE, hub.options.queueLimit);
  for (;;) {
    const page = await readAfter(after, { topics: subscriber.topics, limit, client: hub.client });
    if (subscriber.closed) return;
    for (const event of page) {
      if (canSee(subscriber.viewer, event.audience)) subscriber.send(encodeStoredEvent(event));
      after = event.id;
    }
    subscriber.lastId = after;
    if (page.length === limit) await subscriber.whenDrained();
    else if (!subscriber.takeMissed()) break;
  }
  subscriber.goLive(after);
}
