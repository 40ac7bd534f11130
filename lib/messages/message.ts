import type { ServerMessage } from "@/lib/messages/hello-stream";

/** A message as the browser keeps it: the wire payload plus its SSE id. */
export type ReceivedMessage = ServerMessage & { id: string };

/** The live topic and SSE event name the server's messages travel on. */
export const MESSAGES_TOPIC = "messages";
export const MESSAGE_EVENT = "messages.hello";

export const MAX_MESSAGES = 50;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Returns the message, or null for a malformed payload (the stream must survive bad events). */
export function parseMessage(id: string, payload: unknown): ReceivedMessage | null {
  if (id === "" || !isRecord(payload)) return null;
  const { message, timestamp } = payload;
  if (typeof message !== "string" || typeof timestamp !== "string") return null;
  if (Number.isNaN(Date.parse(timestamp))) return null;
  return { id, message, timestamp };
}

/** Newest first, no duplicate ids (replays after a reconnect), at most `max` entries. */
export function addMessage(
  list: readonly ReceivedMessage[],
  next: ReceivedMessage,
  max: number = MAX_MESSAGES,
): readonly ReceivedMessage[] {
  if (list.some((m) => m.id === next.id)) return list;
  return [next, ...list].slice(0, max);
}
