import { LiveClient } from "@/lib/realtime/client/live-client";
import { CHANNEL_NAME } from "@/lib/realtime/client/protocol";

/** The stream endpoint every tab's leader (or a tab on its own) connects to. */
export const STREAM_PATH = "/api/stream";

let client: LiveClient | undefined;

// crypto.randomUUID needs a secure context; a tab id only has to be unique among one browser's tabs.
function newTabId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** The tab's one LiveClient, created on first use in the browser (never during render). */
export function browserLiveClient(): LiveClient {
  if (client) return client;
  // Web Locks exist only in secure contexts; without them (or BroadcastChannel) the tab goes alone.
  const locks = typeof navigator.locks === "object" ? navigator.locks : undefined;
  const shared = locks !== undefined && typeof BroadcastChannel === "function";
  const created = new LiveClient({
    streamBase: STREAM_PATH,
    tabId: newTabId(),
    locks: shared ? locks : undefined,
    channel: shared ? new BroadcastChannel(CHANNEL_NAME) : undefined,
    openEventSource: (url) => new EventSource(url),
  });
  window.addEventListener("pagehide", () => created.leave());
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) created.rejoin();
  });
  client = created;
  return created;
}
