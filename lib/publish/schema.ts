import { z } from "zod";
import type { EventInput } from "@/lib/realtime/types";
import { TOPIC_PATTERN, TYPE_PATTERN } from "@/lib/realtime/topics";
import { payloadProblem } from "@/lib/publish/payload";

export const MAX_EVENTS_PER_REQUEST = 1000;
export const MAX_BODY_BYTES = 64 * 1024;
const MAX_AUDIENCE_VALUE_LENGTH = 200;

const NAME_RULE =
  'must be lowercase letters, digits, ".", "_" or "-", start with a letter and be at most 64 characters';

const requiredString = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? "is required" : `must be ${what}`) });

const audienceValue = requiredString("a string")
  .min(1, { error: "must not be empty" })
  .max(MAX_AUDIENCE_VALUE_LENGTH, {
    error: `must be at most ${MAX_AUDIENCE_VALUE_LENGTH} characters`,
  });

const audienceSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("everyone") }),
    z.strictObject({ kind: z.literal("role"), role: audienceValue }),
    z.strictObject({ kind: z.literal("user"), userId: audienceValue }),
  ],
  {
    error:
      'must be {"kind":"everyone"}, {"kind":"role","role":"…"} or {"kind":"user","userId":"…"}',
  },
);

/** One event as the publish API accepts it. Unknown fields are refused, so typos do not pass silently. */
export const eventInputSchema = z.strictObject(
  {
    topic: requiredString("a string").regex(TOPIC_PATTERN, { error: NAME_RULE }),
    type: requiredString("a string").regex(TYPE_PATTERN, { error: NAME_RULE }),
    // Any JSON value, null included; the body was parsed from JSON, so only storability is checked.
    payload: z.unknown().superRefine((value, context) => {
      const problem = payloadProblem(value);
      if (problem) context.addIssue({ code: "custom", message: problem });
    }),
    audience: audienceSchema.optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `has unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")} (allowed: topic, type, payload, audience)`
        : "must be an object with topic, type, payload and an optional audience",
  },
) satisfies z.ZodType<EventInput>;

export type ParsedEvents =
  | { success: true; events: EventInput[] }
  | { success: false; message: string; fields: Record<string, string[]> };

/** Most problems listed in `fields`: enough to fix a batch, small enough for a response. */
const MAX_LISTED_PROBLEMS = 20;

function describePath(path: readonly PropertyKey[], batch: boolean): string {
  let text = batch ? "events" : "";
  for (const part of path) {
    text += typeof part === "number" ? `[${part}]` : text ? `.${String(part)}` : String(part);
  }
  return text || "event";
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.expected === "nonoptional") return "is required";
  return issue.message;
}

/** Validates a request body: one event object, or an array of 1..MAX_EVENTS_PER_REQUEST of them. */
export function parseEvents(body: Record<string, unknown> | unknown[]): ParsedEvents {
  const batch = Array.isArray(body);
  if (batch && body.length === 0) {
    return { success: false, message: "events must contain at least one event.", fields: {} };
  }
  if (batch && body.length > MAX_EVENTS_PER_REQUEST) {
    const message = `events must contain at most ${MAX_EVENTS_PER_REQUEST} events (got ${body.length}).`;
    return { success: false, message, fields: {} };
  }
  const parsed = batch
    ? z.array(eventInputSchema).safeParse(body)
    : eventInputSchema.safeParse(body);
  if (parsed.success)
    return { success: true, events: Array.isArray(parsed.data) ? parsed.data : [parsed.data] };
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues.slice(0, MAX_LISTED_PROBLEMS)) {
    (fields[describePath(issue.path, batch)] ??= []).push(describeIssue(issue));
  }
  const [first] = parsed.error.issues;
  const message = first
    ? `${describePath(first.path, batch)} ${describeIssue(first)}.`
    : "Invalid events.";
  return { success: false, message, fields };
}
