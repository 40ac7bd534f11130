import { db } from "@/lib/db";
import { queryRows, type LogClient } from "@/lib/realtime/sql";
import { TOPIC_PATTERN, TYPE_PATTERN } from "@/lib/realtime/topics";
import type { Audience, EventInput, StoredEvent } from "@/lib/realtime/types";

/** The channel publishers NOTIFY; its payload carries nothing (a wake-up only). */
export const NOTIFY_CHANNEL = "tidings_events";

/**
 * Transaction-scoped advisory lock every append takes: appends commit in id order, so a reader that
 * has seen id N has seen every committed id below N (no event can commit "behind" the hub's cursor).
 */
export const APPEND_LOCK_KEY = 0x74696469;

export class InvalidEventError extends Error {
  readonly code = "invalid_event";
  constructor(
    readonly index: number,
    readonly field: "topic" | "type" | "payload" | "audience",
    message: string,
  ) {
    super(`events[${index}].${field}: ${message}`);
    this.name = "InvalidEventError";
  }
}

interface EncodedEvent {
  t: string;
  y: string;
  p: unknown;
  k: Audience["kind"];
  v: string | null;
}

function audienceValue(audience: Audience, index: number): string | null {
  if (audience.kind === "everyone") return null;
  const value = audience.kind === "role" ? audience.role : audience.userId;
  if (typeof value !== "string" || value === "" || value.length > 200) {
    throw new InvalidEventError(index, "audience", `${audience.kind} audience needs a value`);
  }
  return value;
}

function encodeEvent(event: EventInput, index: number): EncodedEvent {
  if (typeof event.topic !== "string" || !TOPIC_PATTERN.test(event.topic)) {
    throw new InvalidEventError(index, "topic", `must match ${String(TOPIC_PATTERN)}`);
  }
  if (typeof event.type !== "string" || !TYPE_PATTERN.test(event.type)) {
    throw new InvalidEventError(index, "type", `must match ${String(TYPE_PATTERN)}`);
  }
  if (event.payload === undefined) throw new InvalidEventError(index, "payload", "is required");
  const audience = event.audience ?? { kind: "everyone" };
  if (!["everyone", "role", "user"].includes(audience.kind)) {
    throw new InvalidEventError(index, "audience", "kind must be everyone, role or user");
  }
  return {
    t: event.topic,
    y: event.type,
    p: event.payload,
    k: audience.kind,
    v: audienceValue(audience, index),
  };
}

/** Validates `events` and serialises them as the one JSON parameter of the append statement. */
export function encodeEvents(events: readonly EventInput[]): string {
  const encoded = events.map(encodeEvent);
  try {
    return JSON.stringify(encoded);
  } catch (error) {
    throw new InvalidEventError(0, "payload", `is not JSON: ${(error as Error).message}`);
  }
}

// One statement: lock, multi-row insert in input order, wake-up. Atomic even outside a transaction.
export const APPEND_SQL = `
WITH append_lock AS (SELECT pg_advisory_xact_lock($1::bigint)),
inserted AS (
  INSERT INTO "event" ("topic", "type", "payload", "audienceKind", "audienceValue", "createdAt")
  SELECT e->>'t', e->>'y', e->'p', (e->>'k')::"audience_kind", e->>'v', now() AT TIME ZONE 'UTC'
  FROM append_lock, jsonb_array_elements($2::jsonb) WITH ORDINALITY AS input(e, n)
  ORDER BY input.n
  RETURNING "id"
)
SELECT inserted."id"::text AS id FROM inserted, (SELECT pg_notify('${NOTIFY_CHANNEL}', '')) AS wake
ORDER BY inserted."id"`;

/**
 * Appends `events` to the log and wakes every hub. Given a transaction client, the events commit
 * (and the NOTIFY is delivered) with the caller's transaction; call it last in that transaction,
 * since it holds the append lock until commit. Returns the new ids, ascending, in input order.
 */
export async function publish(client: LogClient, events: readonly EventInput[]): Promise<bigint[]> {
  if (events.length === 0) return [];
  const json = encodeEvents(events);
  const rows = await queryRows<{ id: string }>(client, APPEND_SQL, [APPEND_LOCK_KEY, json]);
  return rows.map((row) => BigInt(row.id));
}

interface EventRow {
  id: string;
  topic: string;
  type: string;
  payload: unknown;
  audience_kind: Audience["kind"];
  audience_value: string | null;
  created_ms: number;
}

function toAudience(kind: Audience["kind"], value: string | null): Audience {
  if (kind === "role") return { kind, role: value ?? "" };
  if (kind === "user") return { kind, userId: value ?? "" };
  return { kind: "everyone" };
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: BigInt(row.id),
    topic: row.topic,
    type: row.type,
    payload: row.payload,
    audience: toAudience(row.audience_kind, row.audience_value),
    createdAt: new Date(Number(row.created_ms)),
  };
}

const SELECT_EVENTS = `SELECT "id"::text AS id, "topic", "type", "payload",
  "audienceKind"::text AS audience_kind, "audienceValue" AS audience_value,
  (extract(epoch FROM "createdAt") * 1000)::float8 AS created_ms FROM "event"`;

export interface ReadOptions {
  /** Only these topics; all topics when omitted. */
  topics?: readonly string[];
  limit: number;
  client?: LogClient;
}

/** Committed events with id > `afterId`, ascending, at most `limit`. */
export async function readAfter(afterId: bigint, options: ReadOptions): Promise<StoredEvent[]> {
  const { topics, limit, client = db } = options;
  const params: unknown[] = [afterId.toString(), limit];
  let where = `"id" > $1::bigint`;
  if (topics) {
    // Topic names cannot contain commas (TOPIC_PATTERN), so one text parameter carries the list.
    params.push(topics.join(","));
    where += ` AND "topic" = ANY(string_to_array($3::text, ','))`;
  }
  const sql = `${SELECT_EVENTS} WHERE ${where} ORDER BY "event"."id" LIMIT $2::int`;
  return (await queryRows<EventRow>(client, sql, params)).map(toStoredEvent);
}

export interface LogBounds {
  /** Smallest retained id, or null when the log is empty. */
  oldest: bigint | null;
  /** Largest committed id, or null when the log is empty. */
  latest: bigint | null;
}

export async function logBounds(client: LogClient = db): Promise<LogBounds> {
  const sql = `SELECT min("id")::text AS oldest, max("id")::text AS latest FROM "event"`;
  const [row] = await queryRows<{ oldest: string | null; latest: string | null }>(client, sql, []);
  const big = (value: string | null | undefined) => (value == null ? null : BigInt(value));
  return { oldest: big(row?.oldest), latest: big(row?.latest) };
}

/** The largest committed id (0 for an empty log): where a stream without Last-Event-ID starts. */
export async function latestId(client: LogClient = db): Promise<bigint> {
  return (await logBounds(client)).latest ?? 0n;
}

/** The smallest retained id, or null for an empty log. */
export async function oldestId(client: LogClient = db): Promise<bigint | null> {
  return (await logBounds(client)).oldest;
}

/** Deletes events created before `date`; returns how many. */
export async function pruneOlderThan(date: Date, client: LogClient = db): Promise<number> {
  const sql = `WITH gone AS (DELETE FROM "event"
    WHERE "createdAt" < ($1::timestamptz AT TIME ZONE 'UTC') RETURNING 1) SELECT count(*)::int AS n FROM gone`;
  const [row] = await queryRows<{ n: number }>(client, sql, [date.toISOString()]);
  return row?.n ?? 0;
}
