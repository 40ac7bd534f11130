import { describe, expect, it } from "vitest";
import { IdWatermark, isEventId, parseFrame } from "@/lib/realtime/client/event";

describe("parseFrame", () => {
  it("keeps the id, the name and the parsed JSON payload", () => {
    expect(parseFrame("messages.hello", "42", '{"message":"Hi"}')).toEqual({
      id: "42",
      name: "messages.hello",
      data: { message: "Hi" },
    });
  });

  it.each([
    ["no id", "messages.hello", "", "{}"],
    ["a non-numeric id", "messages.hello", "4a", "{}"],
    ["a negative id", "messages.hello", "-1", "{}"],
    ["not JSON", "messages.hello", "1", "Hello"],
    ["data not a string", "messages.hello", "1", { message: "Hi" }],
    ["no name", "", "1", "{}"],
  ])("drops a frame with %s", (_, name, id, data) => {
    expect(parseFrame(name, id, data)).toBeNull();
  });
});

describe("IdWatermark", () => {
  it("accepts growing ids and drops replays at or below the mark", () => {
    const mark = new IdWatermark();
    expect(mark.last).toBeNull();
    expect(mark.accept("1")).toBe(true);
    expect(mark.accept("3")).toBe(true);
    expect(mark.accept("3")).toBe(false);
    expect(mark.accept("2")).toBe(false);
    expect(mark.accept("10")).toBe(true); // numeric, not string, order
    expect(mark.last).toBe("10");
  });

  it("compares ids beyond 2^53 exactly", () => {
    const mark = new IdWatermark();
    expect(mark.accept("9007199254740993")).toBe(true);
    expect(mark.accept("9007199254740992")).toBe(false);
    expect(mark.accept("9007199254740994")).toBe(true);
    expect(mark.last).toBe("9007199254740994");
  });

  it("only moves forward when told what was delivered elsewhere", () => {
    const mark = new IdWatermark();
    mark.advanceTo("5");
    mark.advanceTo("3");
    mark.advanceTo("junk");
    expect(mark.last).toBe("5");
    expect(mark.accept("5")).toBe(false);
    expect(mark.accept("6")).toBe(true);
  });

  it("restarts anywhere after a reset, even below the mark", () => {
    const mark = new IdWatermark();
    mark.accept("500");
    mark.restartAt("7");
    expect(mark.accept("8")).toBe(true);
    mark.restartAt(null);
    expect(mark.last).toBeNull();
  });

  it("never accepts a malformed id", () => {
    expect(new IdWatermark().accept("")).toBe(false);
    expect(isEventId("12")).toBe(true);
    expect(isEventId(12)).toBe(false);
  });
});
