import type { Hub } from "@/lib/realtime/hub";
import { SSE_HEADERS } from "@/lib/realtime/sse";
import { openStream } from "@/lib/realtime/stream";
import { parseStreamRequest } from "@/lib/realtime/stream-request";
import type { StreamSink, Subscriber } from "@/lib/realtime/subscriber";
import { ANONYMOUS, type Viewer } from "@/lib/realtime/types";

/** Frames the Web stream buffers before the subscriber counts as blocked. */
const WEB_HIGH_WATER_MARK = 64;

/** `GET /api/stream` as a Web Response (Next route handler, e.g. on Vercel); same hub logic. */
export async function streamResponse(
  hub: Hub,
  request: Request,
  viewer: Viewer = ANONYMOUS,
): Promise<Response> {
  const url = new URL(request.url);
  const parsed = parseStreamRequest(url.searchParams, request.headers.get("last-event-id"));
  if (!parsed.ok) {
    const error = { code: parsed.code, message: parsed.message };
    return Response.json({ error }, { status: parsed.status });
  }
  await hub.start();
  let subscriber: Subscriber | undefined;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const sink: StreamSink = {
          write(chunk) {
            controller.enqueue(chunk);
            return (controller.desiredSize ?? 0) > 0;
          },
          end: () => ignoreClosed(() => controller.close()),
          destroy: () => ignoreClosed(() => controller.error(new Error("Stream fell behind"))),
        };
        if (request.signal.aborted) return;
        subscriber = openStream(hub, { ...parsed, viewer, sink });
        request.signal.addEventListener("abort", () => subscriber?.close("client"), { once: true });
      },
      pull: () => subscriber?.drain(),
      cancel: () => subscriber?.close("client"),
    },
    new CountQueuingStrategy({ highWaterMark: WEB_HIGH_WATER_MARK }),
  );
  return new Response(body, { headers: SSE_HEADERS });
}

function ignoreClosed(run: () => void) {
  try {
    run();
  } catch {
    // the consumer already closed the stream
  }
}
