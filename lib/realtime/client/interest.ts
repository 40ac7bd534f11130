import { RESET_EVENT } from "@/lib/realtime/client/event";

/** What a subscriber (or a whole tab) needs from the stream. */
export interface Interest {
  topics: readonly string[];
  /** SSE event names to listen for, `<topic>.<type>`: EventSource has no wildcard for named events. */
  events: readonly string[];
}

export const NO_INTEREST: Interest = { topics: [], events: [] };

const TOPIC = /^[a-z][a-z0-9._-]{0,63}$/;
const EVENT = /^[a-z][a-z0-9._-]{0,128}$/;

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** The union of several interests, sorted so that equal sets compare equal. */
export function unionInterest(list: Iterable<Interest>): Interest {
  const topics: string[] = [];
  const events: string[] = [];
  for (const interest of list) {
    topics.push(...interest.topics);
    events.push(...interest.events);
  }
  return { topics: sortedUnique(topics), events: sortedUnique(events) };
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Validates an interest received from another tab (or a caller); null when malformed. */
export function parseInterest(value: unknown): Interest | null {
  if (typeof value !== "object" || value === null) return null;
  const { topics, events } = value as Record<string, unknown>;
  const valid = (list: unknown, pattern: RegExp): list is string[] =>
    Array.isArray(list) &&
    list.length <= 256 &&
    list.every((item) => typeof item === "string" && pattern.test(item));
  if (!valid(topics, TOPIC) || !valid(events, EVENT)) return null;
  return { topics: sortedUnique(topics), events: sortedUnique(events) };
}

/** The stream address for a topic set, resuming after `lastEventId` on a fresh EventSource. */
export function streamUrl(
  base: string,
  topics: readonly string[],
  lastEventId: string | null,
): string {
  const params = new URLSearchParams({ topics: sortedUnique(topics).join(",") });
  if (lastEventId !== null) params.set("lastEventId", lastEventId);
  return `${base}?${params.toString()}`;
}

/** Names to register on the EventSource: the wanted events plus the server's reset. */
export function listenedNames(interest: Interest): string[] {
  return sortedUnique([...interest.events, RESET_EVENT]);
}
