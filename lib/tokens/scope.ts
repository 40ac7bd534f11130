import { isReservedTopic } from "@/lib/realtime/topics";

export { isReservedTopic };

/** A scope entry meaning "any topic that is not reserved for the app's own features". */
export const ANY_TOPIC = "*";

/** Whether a token scoped to `scope` may publish to `topic`. Reserved topics are never allowed. */
export function allowsTopic(scope: readonly string[], topic: string): boolean {
  if (isReservedTopic(topic)) return false;
  return scope.includes(ANY_TOPIC) || scope.includes(topic);
}

/** A scope for people: "any non-reserved topic" or the names, comma-separated. */
export function describeScope(scope: readonly string[]): string {
  return scope.includes(ANY_TOPIC) ? "* (any non-reserved topic)" : scope.join(", ");
}
