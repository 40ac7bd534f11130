import { afterEach, describe, expect, it, vi } from "vitest";
import type { ConnectionStatus } from "@/lib/messages/status";
import type { LiveEvent } from "@/lib/realtime/client/event";
import { LiveClient } from "@/lib/realtime/client/live-client";
import { FakeEventSource, FakeLocks, MutableChannel } from "@/lib/realtime/client/test-fakes";

const HELLO = "messages.hello";
let browsers = 0;
const clients: LiveClient[] = [];

/** One browser: a shared lock manager, a channel name, and every EventSource its tabs open. */
function browser({ shared = true } = {}) {
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

function subscriber(topics: string[] = ["messages"], events: string[] = [HELLO]) {
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

const hello = (source: FakeEventSource, id: number) =>
  source.emit(HELLO, String(id), { message: `m${id}`, timestamp: "2026-01-01T00:00:00.000Z" });

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

describe("LiveClient without Web Locks or BroadcastChannel", () => {
  it("opens its own stream, delivers named events once, and reports the status", async () => {
    const { tab, sources } = browser({ shared: false });
    const { client } = tab("solo");
    const s = subscriber();
    client.subscribe(s.sub);
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    const source = sources[0]!;
    expect(source.topics).toBe("messages");
    expect(source.lastEventId).toBeNull();
    expect(source.names).toEqual([HELLO, "reset"]);
    expect(s.status()).toBe("connecting");

    source.open();
    hello(source, 1);
    hello(source, 2);
    hello(source, 2); // a replay
    hello(source, 1);
    source.emit("messages.other", "3", {}); // nobody asked for it
    source.emit(HELLO, "4", "not json");
    expect(s.ids()).toEqual(["1", "2"]);
    expect(s.status()).toBe("live");

    source.fail(false);
    expect(s.status()).toBe("reconnecting");
    source.fail(true);
    expect(s.status()).toBe("offline");

    client.reconnect();
    expect(s.status()).toBe("connecting");
    expect(sources).toHaveLength(2);
    expect(sources[1]!.lastEventId).toBe("2");
  });

  it("shares one stream among the subscribers of a tab, each getting only its names", async () => {
    const { tab, sources, openSources } = browser({ shared: false });
    const { client } = tab("solo");
    const a = subscriber(["messages"], [HELLO]);
    const b = subscriber(["news"], ["news.published"]);
    client.subscribe(a.sub);
    const leaveB = client.subscribe(b.sub);
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    const source = sources[0]!;
    expect(source.topics).toBe("messages,news");
    source.open();
    hello(source, 1);
    source.emit("news.published", "2", { title: "T" });
    expect(a.ids()).toEqual(["1"]);
    expect(b.ids()).toEqual(["2"]);

    leaveB();
    await vi.waitFor(() => expect(openSources().map((s) => s.topics)).toEqual(["messages"]));
    expect(openSources()[0]!.lastEventId).toBe("2");
  });

  it("closes the stream when nobody listens, and the next subscriber starts live", async () => {
    const { tab, sources, openSources } = browser({ shared: false });
    const { client } = tab("solo");
    const leave = client.subscribe(subscriber().sub);
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    hello(sources[0]!, 5);
    leave();
    await vi.waitFor(() => expect(openSources()).toHaveLength(0));
    client.subscribe(subscriber().sub);
    await vi.waitFor(() => expect(openSources()).toHaveLength(1));
    expect(openSources()[0]!.lastEventId).toBeNull();
  });

  it("calls every subscriber's reset handler", async () => {
    const { tab, sources } = browser({ shared: false });
    const { client } = tab("solo");
    const s = subscriber();
    client.subscribe(s.sub);
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    const source = sources[0]!;
    hello(source, 900);
    // A new, smaller log: the stream goes on live from id 3 and those events are not replays.
    source.emit("reset", "3", '{"reason":"unknown-id","latestId":"3"}');
    expect(s.sub.onReset).toHaveBeenCalledOnce();
    hello(source, 4);
    expect(s.ids()).toEqual(["900", "4"]);
  });
});

describe("LiveClient across tabs", () => {
  it("keeps one stream for the union of every tab's topics and fans events out", async () => {
    const { tab, sources, openSources } = browser();
    const a = subscriber(["messages"], [HELLO]);
    const b = subscriber(["messages", "news"], [HELLO, "news.published"]);
    const tabA = tab("a").client;
    tabA.subscribe(a.sub);
    await vi.waitFor(() => expect(tabA.role).toBe("leader"));
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    sources[0]!.open();
    hello(sources[0]!, 1);

    const tabB = tab("b").client;
    tabB.subscribe(b.sub);
    // B's new topic makes the leader reconnect for the union, resuming after the last id.
    await vi.waitFor(() => expect(openSources().map((s) => s.topics)).toEqual(["messages,news"]));
    const stream = openSources()[0]!;
    expect(stream.lastEventId).toBe("1");
    expect(stream.names).toEqual([HELLO, "news.published", "reset"]);
    expect(tabB.role).toBe("follower");
    stream.open();
    await vi.waitFor(() => expect(b.status()).toBe("live"));

    hello(stream, 2);
    stream.emit("news.published", "3", { title: "T" });
    await vi.waitFor(() => expect(b.ids()).toEqual(["2", "3"]));
    expect(a.ids()).toEqual(["1", "2"]);

    stream.fail(false);
    await vi.waitFor(() => expect(b.status()).toBe("reconnecting"));
    expect(sources).toHaveLength(2); // nobody but the leader ever connected
  });

  it("hands over to a follower that resumes after the last id, without gap or duplicate", async () => {
    const { tab, sources, openSources } = browser();
    const a = subscriber();
    const b = subscriber();
    const tabA = tab("a").client;
    tabA.subscribe(a.sub);
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    const tabB = tab("b").client;
    tabB.subscribe(b.sub);
    const first = sources[0]!;
    first.open();
    for (let id = 1; id <= 3; id++) hello(first, id);
    await vi.waitFor(() => expect(b.ids()).toEqual(["1", "2", "3"]));

    tabA.close(); // the leader's tab closes: the browser releases its lock
    await vi.waitFor(() => expect(tabB.role).toBe("leader"));
    expect(openSources()).toHaveLength(1);
    const second = openSources()[0]!;
    expect(second.lastEventId).toBe("3");
    second.open();
    for (const id of [3, 4, 5]) hello(second, id); // a server replaying one too many
    expect(b.ids()).toEqual(["1", "2", "3", "4", "5"]);
    expect(b.status()).toBe("live");
  });

  it("passes the server's reset to every tab", async () => {
    const { tab, sources } = browser();
    const a = subscriber();
    const b = subscriber();
    tab("a").client.subscribe(a.sub);
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    tab("b").client.subscribe(b.sub);
    await vi.waitFor(() => expect(sources[0]!.names).toContain("reset"));
    hello(sources[0]!, 900);
    sources[0]!.emit("reset", "3", "{}");
    await vi.waitFor(() => expect(b.sub.onReset).toHaveBeenCalledOnce());
    expect(a.sub.onReset).toHaveBeenCalledOnce();
    hello(sources[0]!, 4);
    await vi.waitFor(() => expect(b.ids()).toEqual(["900", "4"]));
  });

  it("lets a follower's Reconnect reopen the leader's closed stream", async () => {
    const { tab, sources } = browser();
    const b = subscriber();
    tab("a").client.subscribe(subscriber().sub);
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    const tabB = tab("b").client;
    tabB.subscribe(b.sub);
    sources[0]!.fail(true);
    await vi.waitFor(() => expect(b.status()).toBe("offline"));
    tabB.reconnect();
    await vi.waitFor(() => expect(sources).toHaveLength(2));
    sources[1]!.open();
    await vi.waitFor(() => expect(b.status()).toBe("live"));
  });

  it("takes over from a leader that stops answering", async () => {
    const { tab, sources, openSources } = browser();
    const leader = tab("a", 20);
    leader.client.subscribe(subscriber().sub);
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    const b = subscriber();
    const tabB = tab("b", 20).client;
    tabB.subscribe(b.sub);
    sources[0]!.open();
    await vi.waitFor(() => expect(b.status()).toBe("live"));

    leader.channel!.muted = true; // frozen: holds the lock, says nothing
    await vi.waitFor(() => expect(tabB.role).toBe("leader"));
    await vi.waitFor(() => expect(leader.client.role).toBe("follower"));
    expect(openSources()).toHaveLength(1);
    expect(openSources()[0]).toBe(sources[1]);
  });

  it("ignores malformed and foreign messages on the channel", async () => {
    const { tab, sources } = browser();
    const a = subscriber();
    const tabA = tab("a").client;
    tabA.subscribe(a.sub);
    await vi.waitFor(() => expect(sources).toHaveLength(1));
    const intruder = tab("intruder").channel!;
    intruder.postMessage({ v: 1, kind: "event", from: "x", event: { id: "x", name: HELLO } });
    intruder.postMessage({ v: 1, kind: "subscribe", from: "x", interest: { topics: ["A B"] } });
    intruder.postMessage("hello");
    intruder.postMessage({ v: 1, kind: "leave", from: "x" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(a.ids()).toEqual([]);
    expect(sources).toHaveLength(1);
    expect(tabA.role).toBe("leader");
  });
});
