// Server-side realtime API: event log (append/read/prune, batching), hub, stream adapters, ticker.
export { createBatcher, type Batcher, type BatcherOptions } from "@/lib/realtime/batcher";
export {
  APPEND_LOCK_KEY,
  InvalidEventError,
  latestId,
  logBounds,
  NOTIFY_CHANNEL,
  oldestId,
  pruneOlderThan,
  publish,
  readAfter,
  type LogBounds,
  type ReadOptions,
} from "@/lib/realtime/log";
export type { LogClient, PgQueryable } from "@/lib/realtime/sql";
export {
  eventName,
  isValidTopic,
  RESERVED_TOPICS,
  TOPIC_PATTERN,
  TYPE_PATTERN,
} from "@/lib/realtime/topics";
export {
  ANONYMOUS,
  type Audience,
  type EventInput,
  type StoredEvent,
  type Viewer,
} from "@/lib/realtime/types";
export { canSee } from "@/lib/realtime/audience";
export { RESET_EVENT, type ResetData, type ResetReason } from "@/lib/realtime/frames";
export {
  closeHub,
  getHub,
  getPresence,
  hubOptionsFromEnv,
  startHub,
} from "@/lib/realtime/global-hub";
export { Hub, type HubOptions } from "@/lib/realtime/hub";
export { HELLO_TYPE, MESSAGES_TOPIC, startMessageTicker } from "@/lib/realtime/message-ticker";
export { handleNodeStream, isStreamRequest, STREAM_PATH } from "@/lib/realtime/node-adapter";
export { closeStreamsAndServer, withStreamRoute } from "@/lib/realtime/node-server";
export { openStream } from "@/lib/realtime/stream";
export { MAX_STREAM_TOPICS, parseStreamRequest } from "@/lib/realtime/stream-request";
export { streamResponse } from "@/lib/realtime/web-adapter";
