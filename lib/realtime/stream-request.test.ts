import { describe, expect, it } from "vitest";
import { MAX_STREAM_TOPICS, parseEventId, parseStreamRequest } from "@/lib/realtime/stream-request";

const parse = (query: string, header?: string) =>
  parseStreamRequest(new URLSearchParams(query), header);

describe("parseStreamRequest", () => {
  it("reads topics (trimmed, deduplicated) and the Last-Event-ID header before the query", () => {
    expect(parse("topics=news, prices,news&lastEventId=5", "9")).toEqual({
      ok: true,
      topics: ["news", "prices"],
      lastEventId: 9n,
    });
    expect(parse("topics=news&lastEventId=5")).toMatchObject({ lastEventId: 5n });
    expect(parse("topics=news")).toMatchObject({ lastEventId: undefined });
  });

  it.each([
    ["", "topics_required"],
    ["topics=%20", "topics_required"],
    ["topics=News", "invalid_topic"],
    ["topics=a,,b", "invalid_topic"],
    ["topics=1a", "invalid_topic"],
    [`topics=${"a".repeat(65)}`, "invalid_topic"],
    [
      `topics=${Array.from({ length: MAX_STREAM_TOPICS + 1 }, (_, i) => `t${i}`).join(",")}`,
      "too_many_topics",
    ],
  ])("rejects %s", (query, code) => {
    expect(parse(query)).toMatchObject({ ok: false, status: 400, code });
  });

  it("accepts the maximum number of topics", () => {
    const topics = Array.from({ length: MAX_STREAM_TOPICS }, (_, i) => `t${i}`);
    expect(parse(`topics=${topics.join(",")}`)).toMatchObject({ ok: true, topics });
  });
});

describe("parseEventId", () => {
  it("accepts whole numbers in bigint range only", () => {
    expect(parseEventId(" 42 ")).toBe(42n);
    expect(parseEventId("9223372036854775807")).toBe(9223372036854775807n);
    expect(parseEventId("9223372036854775808")).toBeUndefined();
    expect(parseEventId("-1")).toBeUndefined();
    expect(parseEventId("1e3")).toBeUndefined();
    expect(parseEventId(null)).toBeUndefined();
  });
});
