import { handle } from "@/lib/http/errors";
import { getHub } from "@/lib/realtime/global-hub";
import { streamResponse } from "@/lib/realtime/web-adapter";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Live events as text/event-stream (`?topics=a,b`). `npm run dev`/`npm start` answer this path
 * in lib/cli/serve.ts with the node:http adapter; this handler serves it where Next runs alone.
 */
export function GET(request: Request): Promise<Response> {
  return handle(() => streamResponse(getHub(), request));
}
