import type { ConnectionStatus } from "@/lib/messages/status";
import { isEventId, type LiveEvent } from "@/lib/realtime/client/event";
import { parseInterest, type Interest } from "@/lib/realtime/client/interest";

/** Web Lock held by the leader tab for as long as it lives. */
export const LOCK_NAME = "tidings-live-leader";
/** BroadcastChannel carrying interests, events and status between the tabs of one browser. */
export const CHANNEL_NAME = "tidings-live";
const VERSION = 1;

/** Every message between tabs; `from` is the sender's random tab id. */
export type TabMessage =
  /** A tab's whole current interest (replaces its previous one). */
  | { v: 1; kind: "subscribe"; from: string; interest: Interest }
  /** The tab is going away; the leader drops its interest. */
  | { v: 1; kind: "leave"; from: string }
  /** Leader heartbeat and status; also announces a new leader. */
  | { v: 1; kind: "status"; from: string; status: ConnectionStatus; lastId: string | null }
  /** An event the leader received, already deduplicated. */
  | { v: 1; kind: "event"; from: string; event: LiveEvent }
  /** The server said the history is gone: every tab re-fetches its data. */
  | { v: 1; kind: "reset"; from: string; lastId: string | null }
  /** A follower's Reconnect button: the leader reopens a closed stream. */
  | { v: 1; kind: "reconnect"; from: string };

export type TabMessageBody = TabMessage extends infer M
  ? M extends TabMessage
    ? Omit<M, "v" | "from">
    : never
  : never;

const STATUSES: ReadonlySet<unknown> = new Set(["connecting", "live", "reconnecting", "offline"]);

function isStatus(value: unknown): value is ConnectionStatus {
  return STATUSES.has(value);
}

export function tabMessage(from: string, body: TabMessageBody): TabMessage {
  return { v: VERSION, from, ...body };
}

/** Validates a message from another tab (possibly another app version); null when not ours. */
export function parseTabMessage(value: unknown): TabMessage | null {
  if (typeof value !== "object" || value === null) return null;
  const message = value as Record<string, unknown>;
  const { v, kind, from } = message;
  if (v !== VERSION || typeof from !== "string" || from === "" || from.length > 64) return null;
  switch (kind) {
    case "subscribe": {
      const interest = parseInterest(message.interest);
      return interest && { v, kind, from, interest };
    }
    case "reset": {
      const { lastId } = message;
      return lastId === null || isEventId(lastId) ? { v, kind, from, lastId } : null;
    }
    case "status": {
      const { status, lastId } = message;
      if (!isStatus(status) || !(lastId === null || isEventId(lastId))) return null;
      return { v, kind, from, status, lastId };
    }
    case "event": {
      const event = message.event as Record<string, unknown> | null | undefined;
      if (typeof event !== "object" || event === null) return null;
      const { id, name, data } = event;
      if (!isEventId(id) || typeof name !== "string" || name === "") return null;
      return { v, kind, from, event: { id, name, data } };
    }
    case "leave":
    case "reconnect":
      return { v, kind, from };
    default:
      return null;
  }
}
