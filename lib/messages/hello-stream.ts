import { encodeEvent, encodeRetry, lastEventId, PING, SSE_HEADERS } from "@/lib/realtime/sse";

export const HELLO_MESSAGE = "Hello from Server using Tidings!";

export interface ServerMessage {
  message: string;
  /** ISO 8601, UTC. */
  timestamp: string;
}

export interface HelloStreamOptions {
  intervalMs: number;
  heartbeatMs: number;
  retryMs?: number;
  now?: () => Date;
}

/**
 * The seed app's message stream: one message at once, then one every `intervalMs`, with a
 * `: ping` heartbeat. Ids count up per stream and continue after a reconnect's Last-Event-ID.
 */
export function helloStream(request: Request, options: HelloStreamOptions): Response {
  const { intervalMs, heartbeatMs, retryMs = 3000, now = () => new Date() } = options;
  let nextId = (lastEventId(request) ?? 0n) + 1n;
  const timers: ReturnType<typeof setInterval>[] = [];
  const stop = () => timers.splice(0).forEach(clearInterval);

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (bytes: Uint8Array) => {
        try {
          controller.enqueue(bytes);
        } catch {
          stop(); // the stream is already closed
        }
      };
      const sendMessage = () => {
        const data: ServerMessage = { message: HELLO_MESSAGE, timestamp: now().toISOString() };
        send(encodeEvent({ id: String(nextId++), data }));
      };
      const close = () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed by the consumer
        }
      };
      if (request.signal.aborted) return close();
      request.signal.addEventListener("abort", close, { once: true });
      send(encodeRetry(retryMs));
      sendMessage();
      timers.push(
        setInterval(sendMessage, intervalMs),
        setInterval(() => send(PING), heartbeatMs),
      );
    },
    cancel: stop,
  });

  return new Response(body, { headers: SSE_HEADERS });
}
