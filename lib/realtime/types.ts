/** Who may receive an event. Until sign-in exists every stream is anonymous: "everyone" only. */
export type Audience =
  { kind: "everyone" } | { kind: "role"; role: string } | { kind: "user"; userId: string };

/** An event to append to the log. */
export interface EventInput {
  topic: string;
  type: string;
  /** Any JSON value; stored as jsonb, sent as one line of JSON. */
  payload: unknown;
  audience?: Audience;
}

/** An event as stored; `id` is the SSE `id:` and only grows. */
export interface StoredEvent {
  id: bigint;
  topic: string;
  type: string;
  payload: unknown;
  audience: Audience;
  createdAt: Date;
}

/** Who is listening on a stream (anonymous until the sign-in issue). */
export interface Viewer {
  userId?: string;
  roles: readonly string[];
}

export const ANONYMOUS: Viewer = { roles: [] };
