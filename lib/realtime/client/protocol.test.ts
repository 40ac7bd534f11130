import { describe, expect, it } from "vitest";
import { parseTabMessage, tabMessage } from "@/lib/realtime/client/protocol";

describe("tab messages", () => {
  it("round-trips every kind through the validator", () => {
    const bodies = [
      { kind: "subscribe", interest: { topics: ["messages"], events: ["messages.hello"] } },
      { kind: "leave" },
      { kind: "status", status: "live", lastId: "12" },
      { kind: "status", status: "connecting", lastId: null },
      { kind: "event", event: { id: "12", name: "messages.hello", data: { message: "Hi" } } },
      { kind: "reset", lastId: "9" },
      { kind: "reset", lastId: null },
      { kind: "reconnect" },
    ] as const;
    for (const body of bodies) {
      const message = tabMessage("tab-1", body);
      expect(parseTabMessage(structuredClone(message))).toEqual(message);
    }
  });

  it.each([
    ["not an object", "hello"],
    ["another version", { v: 2, kind: "leave", from: "a" }],
    ["no sender", { v: 1, kind: "leave" }],
    ["an unknown kind", { v: 1, kind: "shout", from: "a" }],
    ["an unknown status", { v: 1, kind: "status", from: "a", status: "great", lastId: null }],
    ["a bad last id", { v: 1, kind: "status", from: "a", status: "live", lastId: "x" }],
    ["an event without id", { v: 1, kind: "event", from: "a", event: { name: "m.h", data: 1 } }],
    ["an event with a numeric id", { v: 1, kind: "event", from: "a", event: { id: 1, name: "m" } }],
    ["a reset with a bad id", { v: 1, kind: "reset", from: "a", lastId: 9 }],
    ["a bad interest", { v: 1, kind: "subscribe", from: "a", interest: { topics: "news" } }],
  ])("rejects %s", (_, value) => {
    expect(parseTabMessage(value)).toBeNull();
  });
});
