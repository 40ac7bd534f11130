import type { IncomingMessage, ServerResponse } from "node:http";
import type { Hub } from "@/lib/realtime/hub";
import { SSE_HEADERS } from "@/lib/realtime/sse";
import { openStream } from "@/lib/realtime/stream";
import { parseStreamRequest } from "@/lib/realtime/stream-request";
import type { StreamSink } from "@/lib/realtime/subscriber";
import { ANONYMOUS, type Viewer } from "@/lib/realtime/types";

/** The path the launcher answers itself instead of handing it to Next. */
export const STREAM_PATH = "/api/stream";

function sendError(res: ServerResponse, status: number, code: string, message: string) {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(body);
}

/**
 * `GET /api/stream` straight on node:http (no per-request framework cost): writes frames to `res`
 * and respects its backpressure (`write()` → false, then 'drain').
 */
export function handleNodeStream(
  hub: Hub,
  req: IncomingMessage,
  res: ServerResponse,
  viewer: Viewer = ANONYMOUS,
): void {
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET");
    return sendError(res, 405, "method_not_allowed", "Streams are opened with GET.");
  }
  const url = new URL(req.url ?? "/", "http://localhost");
  const header = req.headers["last-event-id"];
  const request = parseStreamRequest(url.searchParams, Array.isArray(header) ? header[0] : header);
  if (!request.ok) return sendError(res, request.status, request.code, request.message);
  hub
    .start()
    .then(() => {
      if (res.destroyed) return;
      res.writeHead(200, SSE_HEADERS);
      const sink: StreamSink = {
        write: (chunk) => res.write(chunk),
        end: () => res.end(),
        destroy: () => res.destroy(),
      };
      const subscriber = openStream(hub, { ...request, viewer, sink });
      res.on("drain", () => subscriber.drain());
      res.on("close", () => subscriber.close("client"));
    })
    .catch(() => {
      // The database is unreachable or the hub is shutting down: the client retries later.
      if (res.headersSent) res.destroy();
      else sendError(res, 503, "unavailable", "Live updates are unavailable. Try again.");
    });
}

/** True for requests the node adapter should answer (the stream path, any query). */
export function isStreamRequest(req: IncomingMessage): boolean {
  const url = req.url ?? "";
  return url === STREAM_PATH || url.startsWith(`${STREAM_PATH}?`);
}
