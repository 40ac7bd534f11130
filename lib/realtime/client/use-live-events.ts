"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useEffectEvent, useState } from "react";
import type { ConnectionStatus } from "@/lib/messages/status";
import { browserLiveClient } from "@/lib/realtime/client/browser-client";
import type { LiveEvent } from "@/lib/realtime/client/event";
import { parseInterest, type Interest } from "@/lib/realtime/client/interest";

export interface LiveEventsOptions {
  /** The server no longer holds the events after this page's data: re-fetch it. Default: router.refresh(). */
  onReset?: () => void;
}

export interface LiveEventsState {
  status: ConnectionStatus;
  /** Opens a fresh connection after the server refused one (status "offline"). */
  reconnect: () => void;
}

const key = (values: readonly string[]) => [...new Set(values)].sort().join(",");
const unkey = (value: string) => (value === "" ? [] : value.split(","));

/**
 * Live events of `topics` whose SSE names (`<topic>.<type>`) are in `events`, each delivered once
 * in id order. All hooks of all tabs of this browser share one connection.
 */
export function useLiveEvents(
  subscription: Interest,
  onEvent: (event: LiveEvent) => void,
  options: LiveEventsOptions = {},
): LiveEventsState {
  const router = useRouter();
  const [status, setStatus] = useState<ConnectionStatus>("connecting");
  const deliver = useEffectEvent(onEvent);
  const reset = useEffectEvent(() => (options.onReset ? options.onReset() : router.refresh()));
  // Keys keep the subscription stable while callers pass new arrays on every render.
  const topics = key(subscription.topics);
  const events = key(subscription.events);

  useEffect(() => {
    const interest = parseInterest({ topics: unkey(topics), events: unkey(events) });
    // A programming error (bad topic or event name): fail loudly rather than stay silent.
    if (!interest) {
      throw new Error(`useLiveEvents: invalid topics "${topics}" or events "${events}"`);
    }
    return browserLiveClient().subscribe({
      interest,
      onEvent: (event) => deliver(event),
      onStatus: setStatus,
      onReset: () => reset(),
    });
  }, [topics, events]);

  const reconnect = useCallback(() => browserLiveClient().reconnect(), []);
  return { status, reconnect };
}
