import { encodeEvent } from "@/lib/realtime/sse";
import { eventName } from "@/lib/realtime/topics";
import type { StoredEvent } from "@/lib/realtime/types";

/** The SSE name of the frame that tells a client its history is gone (no dot: never a topic event). */
export const RESET_EVENT = "reset";

/** `id: <id>` · `event: <topic>.<type>` · `data: <payload as one line of JSON>`. */
export function encodeStoredEvent(event: StoredEvent): Uint8Array {
  return encodeEvent({
    id: event.id.toString(),
    event: eventName(event.topic, event.type),
    data: event.payload,
  });
}

export type ResetReason = "pruned" | "unknown-id";

export interface ResetData {
  reason: ResetReason;
  message: string;
  /** The stream continues live after this id (also the frame's `id:`). */
  latestId: string;
  oldestId: string | null;
}

/** `event: reset`, with the current position as `id:` so a later reconnect does not reset again. */
export function encodeReset(
  reason: ResetReason,
  latest: bigint,
  oldest: bigint | null,
): Uint8Array {
  const message =
    reason === "pruned"
      ? "Events after your Last-Event-ID are no longer retained; reload your data."
      : "Your Last-Event-ID is not in this event log; reload your data.";
  const data: ResetData = {
    reason,
    message,
    latestId: latest.toString(),
    oldestId: oldest === null ? null : oldest.toString(),
  };
  return encodeEvent({ id: latest.toString(), event: RESET_EVENT, data });
}
