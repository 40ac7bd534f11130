import { describe, expect, it, vi } from "vitest";
import { browser, hello, HELLO, subscriber } from "@/lib/realtime/client/live-client-harness";

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
