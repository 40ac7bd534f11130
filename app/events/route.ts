import { env } from "@/lib/env";
import { helloStream } from "@/lib/messages/hello-stream";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The seed app's stream of server messages (text/event-stream). */
export function GET(request: Request): Response {
  return helloStream(request, {
    intervalMs: env.MESSAGE_INTERVAL_MS,
    heartbeatMs: env.HEARTBEAT_INTERVAL_MS,
  });
}
