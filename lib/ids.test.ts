import { describe, expect, it } from "vitest";
import { newId } from "@/lib/ids";

describe("newId", () => {
  it("is 26 lowercase base32 characters", () => {
    expect(newId()).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it("strictly increases, within one millisecond and across them", () => {
    const ids = [newId(1000), newId(1000), newId(1000), newId(1001), newId(999), newId(5000)];
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it("starts with the time, so later times sort later", () => {
    const earlier = newId(Date.UTC(2040, 0, 1));
    const later = newId(Date.UTC(2041, 0, 1));
    expect(later.slice(0, 10) > earlier.slice(0, 10)).toBe(true);
  });

  it("does not repeat", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId()));
    expect(ids.size).toBe(10_000);
  });
});
