/** The browser side of live updates: one hook, one shared connection per browser. */
export {
  useLiveEvents,
  type LiveEventsOptions,
  type LiveEventsState,
} from "@/lib/realtime/client/use-live-events";
export type { LiveEvent } from "@/lib/realtime/client/event";
export type { Interest } from "@/lib/realtime/client/interest";
