import { describe, expect, it } from "vitest";
import { bytes, percent, seconds, table } from "../../src/profile/format.ts";

describe("format", () => {
  it("seconds picks the unit that keeps three significant figures at or above 1", () => {
    expect(seconds(1.5)).toBe("1.50 s");
    expect(seconds(0.0025)).toBe("2.50 ms");
    expect(seconds(3.2e-5)).toBe("32.0 µs");
    expect(seconds(4e-10)).toBe("0.400 ns");
    expect(seconds(NaN)).toBe("NaN");
  });

  it("bytes in powers of 1000, percent with one decimal", () => {
    expect(bytes(512)).toBe("512 B");
    expect(bytes(32_768)).toBe("32.77 kB");
    expect(bytes(2.5e6)).toBe("2.50 MB");
    expect(percent(0.0123)).toBe("1.2%");
    expect(percent(Infinity)).toBe("∞");
  });

  it("table pads each column to its widest cell, left or right as asked", () => {
    expect(table([["op", "ms"], ["matmul", "1.5"]], "lr")).toEqual(["op       ms", "matmul  1.5"]);
  });
});
