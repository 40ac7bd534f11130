import "server-only";
import { HttpError } from "@/lib/http/errors";
import { isReservedTopic, allowsTopic, describeScope } from "@/lib/tokens/scope";
import { verifyApiToken } from "@/lib/tokens/queries";
import type { VerifiedToken } from "@/lib/tokens/store";
import type { EventInput } from "@/lib/realtime/types";

const REALM = 'Bearer realm="tidings"';

/** The `WWW-Authenticate` challenge (RFC 6750) of a 401: `invalid_token` when one was sent. */
export function bearerChallenge(request: Request): string {
  return request.headers.get("authorization")?.trim() ? `${REALM}, error="invalid_token"` : REALM;
}

/** The token of `Authorization: Bearer <token>`, verified; a 401 HttpError otherwise. */
export async function authenticate(request: Request): Promise<VerifiedToken> {
  const header = request.headers.get("authorization");
  if (!header?.trim()) {
    throw new HttpError(401, "unauthorized", "Send an API token: Authorization: Bearer <token>.");
  }
  const secret = /^Bearer +(\S+) *$/i.exec(header)?.[1];
  const token = secret ? await verifyApiToken(secret) : null;
  if (!token)
    throw new HttpError(401, "invalid_token", "The API token is not valid or has been revoked.");
  return token;
}

/** Throws 403 unless the token may publish every event's topic. */
export function authorise(
  token: VerifiedToken,
  events: readonly EventInput[],
  batch: boolean,
): void {
  events.forEach(({ topic }, index) => {
    const where = batch ? `events[${index}].topic` : "topic";
    if (isReservedTopic(topic)) {
      throw new HttpError(
        403,
        "reserved_topic",
        `${where} "${topic}" is reserved for the app's own features and closed to the publish API.`,
      );
    }
    if (!allowsTopic(token.topics, topic)) {
      throw new HttpError(
        403,
        "topic_not_allowed",
        `${where} "${topic}" is outside this token's scope (${describeScope(token.topics)}).`,
      );
    }
  });
}
