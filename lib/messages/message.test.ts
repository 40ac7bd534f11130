import { describe, expect, it } from "vitest";
import {
  addMessage,
  MAX_MESSAGES,
  parseMessage,
  type ReceivedMessage,
} from "@/lib/messages/message";

const timestamp = "2026-01-02T03:04:05.678Z";
const received = (id: number): ReceivedMessage => ({
  id: String(id),
  message: `m${id}`,
  timestamp,
});

describe("parseMessage", () => {
  it("accepts the server's payload and keeps the SSE id", () => {
    expect(parseMessage("7", { message: "Hello", timestamp, extra: true })).toEqual({
      id: "7",
      message: "Hello",
      timestamp,
    });
  });

  it.each([
    ["no id", "", { message: "Hello", timestamp }],
    ["a string", "1", "Hello"],
    ["an array", "1", ["Hello", timestamp]],
    ["null", "1", null],
    ["message not a string", "1", { message: 1, timestamp }],
    ["missing timestamp", "1", { message: "Hello" }],
    ["unparseable timestamp", "1", { message: "Hello", timestamp: "yesterday" }],
  ])("rejects %s", (_, id, data) => {
    expect(parseMessage(id, data)).toBeNull();
  });
});

describe("addMessage", () => {
  it("puts the newest first", () => {
    const list = addMessage(addMessage([], received(1)), received(2));
    expect(list.map((m) => m.id)).toEqual(["2", "1"]);
  });

  it("ignores an id it already holds and returns the same list", () => {
    const list = addMessage(addMessage([], received(1)), received(2));
    expect(addMessage(list, { ...received(1), message: "replayed" })).toBe(list);
  });

  it(`keeps at most ${MAX_MESSAGES}, dropping the oldest`, () => {
    let list: readonly ReceivedMessage[] = [];
    for (let id = 1; id <= MAX_MESSAGES + 5; id++) list = addMessage(list, received(id));
    expect(list).toHaveLength(MAX_MESSAGES);
    expect(list[0]?.id).toBe(String(MAX_MESSAGES + 5));
    expect(list.at(-1)?.id).toBe("6");
  });
});
