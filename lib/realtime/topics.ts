/** Topic names: lowercase, start with a letter, at most 64 characters. */
export const TOPIC_PATTERN = /^[a-z][a-z0-9._-]{0,63}$/;

/** Event types share the topic alphabet; the SSE event name is `<topic>.<type>`. */
export const TYPE_PATTERN = /^[a-z][a-z0-9._-]{0,63}$/;

/** Topics the app's own features publish to; the raw publish API cannot write them. */
export const RESERVED_TOPICS: ReadonlySet<string> = new Set([
  "news",
  "notifications",
  "prices",
  "system",
  "messages",
]);

/** A reserved topic or one of its subtopics (`news`, `news.breaking`). */
export function isReservedTopic(topic: string): boolean {
  return RESERVED_TOPICS.has(topic.split(".", 1)[0] ?? topic);
}

export function isValidTopic(topic: string): boolean {
  return TOPIC_PATTERN.test(topic);
}

export function eventName(topic: string, type: string): string {
  return `${topic}.${type}`;
}
