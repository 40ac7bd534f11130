import { describe, expect, it, vi } from "vitest";
import { Subscriber, type HubEvent } from "@/lib/realtime/subscriber";
import { ANONYMOUS } from "@/lib/realtime/types";

const encoder = new TextEncoder();
const text = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c));

function setUp(queueLimit = 3, accepting = true) {
  const sink = {
    chunks: [] as Uint8Array[],
    accepting,
    ended: false,
    destroyed: false,
    write(chunk: Uint8Array) {
      sink.chunks.push(chunk);
      return sink.accepting;
    },
    end: () => void (sink.ended = true),
    destroy: () => void (sink.destroyed = true),
  };
  const onClose = vi.fn();
  const subscriber = new Subscriber({
    topics: ["t"],
    viewer: ANONYMOUS,
    sink,
    queueLimit,
    expiresAt: Infinity,
    onClose,
  });
  return { sink, subscriber, onClose };
}

const event = (id: number, audience: HubEvent["audience"] = { kind: "everyone" }): HubEvent => ({
  id: BigInt(id),
  topic: "t",
  audience,
  frame: () => encoder.encode(`${id}`),
});

describe("Subscriber", () => {
  it("holds live events while replaying, then sends only those after the replay, in order", () => {
    const { sink, subscriber } = setUp(10);
    subscriber.receive(event(3));
    subscriber.receive(event(4));
    subscriber.receive(event(5));
    expect(sink.chunks).toEqual([]);
    subscriber.goLive(4n);
    subscriber.receive(event(5));
    subscriber.receive(event(6));
    expect(text(sink.chunks)).toEqual(["5", "6"]);
  });

  it("skips events its viewer may not see", () => {
    const { sink, subscriber } = setUp();
    subscriber.goLive(0n);
    subscriber.receive(event(1, { kind: "role", role: "admin" }));
    subscriber.receive(event(2, { kind: "user", userId: "ada" }));
    subscriber.receive(event(3));
    expect(text(sink.chunks)).toEqual(["3"]);
  });

  it("queues while the sink is full, flushes on drain, and is dropped past its queue limit", () => {
    const { sink, subscriber, onClose } = setUp(3, false);
    subscriber.goLive(0n);
    subscriber.receive(event(1)); // written; the sink reports it is full
    subscriber.receive(event(2));
    subscriber.receive(event(3));
    subscriber.ping(Date.now(), 60_000); // no heartbeat into a full sink
    sink.accepting = true;
    subscriber.drain();
    expect(text(sink.chunks)).toEqual(["1", "2", "3"]);
    sink.accepting = false;
    for (let id = 4; id <= 8; id++) subscriber.receive(event(id));
    expect(sink.destroyed).toBe(true);
    expect(onClose).toHaveBeenCalledWith(subscriber, "slow");
    expect(text(sink.chunks)).toEqual(["1", "2", "3", "4"]);
  });

  it("sends heartbeats, and drops a subscriber whose sink has not drained for the stall time", () => {
    const { sink, subscriber, onClose } = setUp();
    subscriber.goLive(0n);
    subscriber.ping(Date.now(), 1000);
    expect(text(sink.chunks)).toEqual([": ping\n\n"]);
    sink.accepting = false;
    subscriber.receive(event(1));
    subscriber.ping(Date.now(), 1000);
    expect(onClose).not.toHaveBeenCalled();
    subscriber.ping(Date.now() + 1000, 1000);
    expect(onClose).toHaveBeenCalledWith(subscriber, "slow");
    expect(sink.destroyed).toBe(true);
  });

  it("forgets held live events past its limit and says so, instead of being dropped", () => {
    const { sink, subscriber } = setUp(2);
    for (let id = 1; id <= 3; id++) subscriber.receive(event(id));
    expect(sink.destroyed).toBe(false);
    expect(subscriber.takeMissed()).toBe(true);
    expect(subscriber.takeMissed()).toBe(false);
    subscriber.goLive(0n);
    expect(text(sink.chunks)).toEqual(["3"]);
  });

  it("ends with a last frame, once", () => {
    const { sink, subscriber, onClose } = setUp();
    subscriber.close("lifetime", encoder.encode("retry"));
    subscriber.close("shutdown", encoder.encode("again"));
    expect(text(sink.chunks)).toEqual(["retry"]);
    expect(sink.ended).toBe(true);
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
