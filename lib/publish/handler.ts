import "server-only";
import { db } from "@/lib/db";
import { handle, HttpError } from "@/lib/http/errors";
import { readJsonObjectOrArray } from "@/lib/http/read-json";
import { InvalidEventError, publish } from "@/lib/realtime/log";
import { authenticate, authorise, bearerChallenge } from "@/lib/publish/auth";
import { MAX_BODY_BYTES, parseEvents } from "@/lib/publish/schema";

/**
 * POST /api/events with `Authorization: Bearer <token>`: one event or an array of up to 1,000,
 * appended by one statement (its own transaction) → 202 `{ ids }` (decimal strings, ascending).
 * All or nothing.
 */
export async function publishEventsHandler(request: Request): Promise<Response> {
  const response = await handle(async () => {
    const token = await authenticate(request);
    const body = await readJsonObjectOrArray(request, MAX_BODY_BYTES);
    const parsed = parseEvents(body);
    if (!parsed.success) throw new HttpError(400, "invalid_events", parsed.message, parsed.fields);
    authorise(token, parsed.events, Array.isArray(body));
    // publish() is one atomic statement: no interactive transaction to wait for under load.
    const ids = await publish(db, parsed.events).catch((error: unknown) => {
      // The schema above checks what the log checks; this only guards against the two drifting.
      if (error instanceof InvalidEventError) {
        throw new HttpError(400, "invalid_events", error.message);
      }
      throw error;
    });
    return Response.json({ ids: ids.map(String) }, { status: 202 });
  });
  if (response.status === 401) response.headers.set("WWW-Authenticate", bearerChallenge(request));
  return response;
}
