import type http from "node:http";
import { closeHub } from "@/lib/realtime/global-hub";
import type { Hub } from "@/lib/realtime/hub";
import { handleNodeStream, isStreamRequest } from "@/lib/realtime/node-adapter";

/** Answers `/api/stream` with the node adapter and hands every other request to `fallback` (Next). */
export function withStreamRoute(hub: Hub, fallback: http.RequestListener): http.RequestListener {
  return (req, res) => {
    if (isStreamRequest(req)) handleNodeStream(hub, req, res);
    else void fallback(req, res);
  };
}

/**
 * SIGTERM/SIGINT: end every stream (each gets `retry:` and reconnects elsewhere), then drop the
 * connections still open, so the server closes at once instead of waiting for clients.
 */
export async function closeStreamsAndServer(server: http.Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await closeHub();
  server.closeIdleConnections();
  // Give the final frames a moment to flush before cutting what is left.
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 200).unref())]);
  server.closeAllConnections();
  await closed;
}
