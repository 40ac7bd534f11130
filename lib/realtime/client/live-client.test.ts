import { describe, expect, it, vi } from "vitest";
import {
  browser,
  hello,
  HELLO,
  soloTab,
  subscriber,
} from "@/lib/realtime/client/live-client-harness";

describe("LiveClient without Web Locks or BroadcastChannel", () => {
  it("opens its own stream, delivers named events once, and reports the status", async () => {
    const { client, s, source, sources } = await soloTab();
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
    const { s, source } = await soloTab();
    hello(source, 900);
    // A new, smaller log: the stream goes on live from id 3 and those events are not replays.
    source.emit("reset", "3", '{"reason":"unknown-id","latestId":"3"}');
    expect(s.sub.onReset).toHaveBeenCalledOnce();
    hello(source, 4);
    expect(s.ids()).toEqual(["900", "4"]);
  });
});
