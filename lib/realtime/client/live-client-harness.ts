import { afterEach, expect, vi } from "vitest";
import type { ConnectionStatus } from "@/lib/messages/status";
import type { LiveEvent } from "@/lib/realtime/client/event";
import { LiveClient } from "@/lib/realtime/client/live-client";
import { FakeEventSource, FakeLocks, MutableChannel } from "@/lib/realtime/client/test-fakes";

// Shared by the LiveClient tests: fake browsers and tabs, subscribers that record what they get.

export const HELLO = "messages.hello";
let browsers = 0;
const clients: LiveClient[] = [];

/** One browser: a shared lock manager, a channel name, and every EventSource its tabs open. */
export function browser({ shared = true } = {}) {
  const locks = new FakeLocks();
  const channelName = `tidings-live-test-${++browsers}`;
  const sources: FakeEventSource[] = [];
  const openSources = () => sources.filter((s) => s.readyState !== 2);
  const tab = (tabId: string, heartbeatMs = 1000) => {
    const channel = shared ? new MutableChannel(channelName) : undefined;
    const client = new LiveClient({
      streamBase: "/api/stream",
      tabId,
      heartbeatMs,
      locks: shared ? locks : undefined,
      channel,
      openEventSource: (url) => {
        const source = new FakeEventSource(url);
        sources.push(source);
        return source;
      },
    });
    clients.push(client);
    return { client, channel };
  };
  return { tab, sources, openSources, locks };
}

export function subscriber(topics: string[] = ["messages"], events: string[] = [HELLO]) {
  const received: LiveEvent[] = [];
  const statuses: ConnectionStatus[] = [];
  const sub = {
    interest: { topics, events },
    onEvent: (event: LiveEvent) => received.push(event),
    onStatus: (status: ConnectionStatus) => statuses.push(status),
    onReset: vi.fn(),
  };
  const ids = () => received.map((e) => e.id);
  const status = () => statuses.at(-1);
  return { sub, received, ids, status };
}

export const hello = (source: FakeEventSource, id: number) =>
  source.emit(HELLO, String(id), { message: `m${id}`, timestamp: "2026-01-01T00:00:00.000Z" });

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

/** A tab without Web Locks or BroadcastChannel, with one subscriber and its stream open. */
export async function soloTab() {
  const solo = browser({ shared: false });
  const { client } = solo.tab("solo");
  const s = subscriber();
  client.subscribe(s.sub);
  await vi.waitFor(() => expect(solo.sources).toHaveLength(1));
  return { ...solo, client, s, source: solo.sources[0]! };
}
