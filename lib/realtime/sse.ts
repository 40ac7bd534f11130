/** Server-Sent Events wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html). */

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
} as const;

const encoder = new TextEncoder();

export interface SseEvent {
  id?: string;
  event?: string;
  /** Serialised as one line of JSON. */
  data: unknown;
}

function singleLine(field: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`SSE ${field} must be a single line`);
  return value;
}

export function encodeEvent({ id, event, data }: SseEvent): Uint8Array {
  let frame = "";
  if (id !== undefined) frame += `id: ${singleLine("id", id)}\n`;
  if (event !== undefined) frame += `event: ${singleLine("event", event)}\n`;
  // JSON.stringify escapes newlines inside strings, so the payload is always one data line.
  frame += `data: ${JSON.stringify(data)}\n\n`;
  return encoder.encode(frame);
}

export function encodeRetry(ms: number): Uint8Array {
  return encoder.encode(`retry: ${Math.round(ms)}\n\n`);
}

export const PING: Uint8Array = encoder.encode(": ping\n\n");

/** The numeric Last-Event-ID a reconnecting client sent (header first, then `?lastEventId=`). */
export function lastEventId(request: Request): bigint | undefined {
  const raw =
    request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  if (raw === null || !/^\d{1,19}$/.test(raw.trim())) return undefined;
  return BigInt(raw.trim());
}
