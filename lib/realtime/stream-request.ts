import { TOPIC_PATTERN } from "@/lib/realtime/topics";

export const MAX_STREAM_TOPICS = 32;

export type StreamRequest =
  | { ok: true; topics: string[]; lastEventId: bigint | undefined }
  | { ok: false; status: 400; code: string; message: string };

/** A numeric event id (the SSE `id:` we send), or undefined for anything else. */
export function parseEventId(raw: string | null | undefined): bigint | undefined {
  if (raw == null || !/^\d{1,19}$/.test(raw.trim())) return undefined;
  const id = BigInt(raw.trim());
  return id <= 9_223_372_036_854_775_807n ? id : undefined;
}

/** Validates `?topics=a,b` and reads the Last-Event-ID header, then `?lastEventId=`. */
export function parseStreamRequest(
  search: URLSearchParams,
  lastEventIdHeader: string | null | undefined,
): StreamRequest {
  const raw = search.get("topics");
  if (raw === null || raw.trim() === "") {
    return invalid("topics_required", "Name the topics to stream: ?topics=a,b");
  }
  const topics = [...new Set(raw.split(",").map((topic) => topic.trim()))];
  if (topics.length > MAX_STREAM_TOPICS) {
    return invalid("too_many_topics", `A stream carries at most ${MAX_STREAM_TOPICS} topics.`);
  }
  const bad = topics.find((topic) => !TOPIC_PATTERN.test(topic));
  if (bad !== undefined) {
    return invalid(
      "invalid_topic",
      "Topics are 1–64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter.",
    );
  }
  const lastEventId = parseEventId(lastEventIdHeader ?? search.get("lastEventId"));
  return { ok: true, topics, lastEventId };
}

function invalid(code: string, message: string): StreamRequest {
  return { ok: false, status: 400, code, message };
}
