import { describe, expect, it } from "vitest";
import {
  listenedNames,
  parseInterest,
  sameList,
  streamUrl,
  unionInterest,
} from "@/lib/realtime/client/interest";

describe("unionInterest", () => {
  it("merges topics and event names, sorted and without repeats", () => {
    const union = unionInterest([
      { topics: ["news", "messages"], events: ["news.published", "messages.hello"] },
      { topics: ["messages"], events: ["messages.hello"] },
      { topics: ["prices"], events: ["prices.tick"] },
    ]);
    expect(union).toEqual({
      topics: ["messages", "news", "prices"],
      events: ["messages.hello", "news.published", "prices.tick"],
    });
  });

  it("is empty for no subscribers, and equal sets compare equal", () => {
    expect(unionInterest([])).toEqual({ topics: [], events: [] });
    const a = unionInterest([{ topics: ["b", "a"], events: [] }]);
    const b = unionInterest([
      { topics: ["a"], events: [] },
      { topics: ["b"], events: [] },
    ]);
    expect(sameList(a.topics, b.topics)).toBe(true);
    expect(sameList(a.topics, ["a"])).toBe(false);
  });
});

describe("streamUrl", () => {
  it("asks for the sorted topics and resumes after the last id", () => {
    expect(streamUrl("/api/stream", ["news", "messages"], null)).toBe(
      "/api/stream?topics=messages%2Cnews",
    );
    expect(streamUrl("/api/stream", ["messages"], "41")).toBe(
      "/api/stream?topics=messages&lastEventId=41",
    );
  });
});

describe("listenedNames", () => {
  it("always listens for the server's reset", () => {
    expect(listenedNames({ topics: ["messages"], events: ["messages.hello"] })).toEqual([
      "messages.hello",
      "reset",
    ]);
  });
});

describe("parseInterest", () => {
  it("accepts valid topics and event names", () => {
    expect(parseInterest({ topics: ["news", "news"], events: ["news.published"] })).toEqual({
      topics: ["news"],
      events: ["news.published"],
    });
  });

  it.each([
    ["null", null],
    ["missing events", { topics: ["news"] }],
    ["a bad topic", { topics: ["News!"], events: [] }],
    ["a non-string name", { topics: ["news"], events: [1] }],
    ["too many topics", { topics: Array.from({ length: 300 }, (_, i) => `t${i}`), events: [] }],
  ])("rejects %s", (_, value) => {
    expect(parseInterest(value)).toBeNull();
  });
});
