import { describe, expect, it } from "vitest";
import { SampleBuffer, percentile, summarize } from "./stats";

describe("percentile (nearest rank)", () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);

  it("picks the value at ceil(p/100 × n)", () => {
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile([4, 8, 15], 99)).toBe(15);
  });

  it("is NaN for no samples", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("summarize", () => {
  it("sorts numerically (not as strings) and summarises", () => {
    const buffer = new SampleBuffer();
    for (const v of [10, 9, 100, 2, 1]) buffer.push(v);
    expect(summarize(buffer.view())).toEqual({
      count: 5,
      p50: 9,
      p95: 100,
      p99: 100,
      max: 100,
      mean: 24.4,
    });
  });

  it("grows past its initial capacity", () => {
    const buffer = new SampleBuffer();
    for (let i = 0; i < 200_000; i++) buffer.push(i);
    expect(buffer.length).toBe(200_000);
    expect(summarize(buffer.view()).p99).toBe(197_999);
  });
});
