import { describe, expect, it } from "vitest";
import { allowsTopic, newTokenSchema } from "@/lib/tokens";

const messages = (input: unknown) => {
  const result = newTokenSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("newTokenSchema", () => {
  it("trims the name, dedupes topics and defaults the scope to *", () => {
    expect(newTokenSchema.parse({ name: "  ci  ", topics: ["a", " a", "b"] })).toEqual({
      name: "ci",
      topics: ["a", "b"],
    });
    expect(newTokenSchema.parse({ name: "ci" }).topics).toEqual(["*"]);
  });

  it.each([
    [{ name: "" }, "A name is required."],
    [{ name: "   " }, "A name is required."],
    [{ name: "x".repeat(101) }, "The name must be at most 100 characters."],
    [{ name: "two\nlines" }, "The name must not contain control characters such as newlines."],
    [{ name: "n", topics: [] }, "Give at least one topic, or * for any non-reserved topic."],
  ])("refuses %j", (input, message) => {
    expect(messages(input)).toEqual([message]);
  });

  it("names invalid and reserved topics, and refuses * mixed with names", () => {
    expect(messages({ name: "n", topics: ["Bad Topic"] })[0]).toMatch(
      /^Topic "Bad Topic" is not valid/,
    );
    expect(messages({ name: "n", topics: ["news"] })[0]).toMatch(/^Topic "news" is reserved/);
    expect(messages({ name: "n", topics: ["*", "a"] })[0]).toMatch(/Use \* alone/);
    expect(messages({ name: "x".repeat(100), topics: ["a".repeat(64)] })).toEqual([]);
  });
});

describe("allowsTopic", () => {
  it("allows listed topics, * any non-reserved topic, and never a reserved one", () => {
    expect(allowsTopic(["orders"], "orders")).toBe(true);
    expect(allowsTopic(["orders"], "orders.eu")).toBe(false);
    expect(allowsTopic(["*"], "anything")).toBe(true);
    for (const topic of ["news", "notifications", "prices", "system", "messages"]) {
      expect(allowsTopic(["*"], topic)).toBe(false);
      expect(allowsTopic([topic], topic)).toBe(false);
    }
  });
});
