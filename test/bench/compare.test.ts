import { describe, expect, it } from "vitest";
import { MIN_CHANGE, change } from "../../bench/compare.ts";
import { summarize } from "../../src/profile/stats.ts";

/** Samples centred on `median` with a relative half-spread `spread`. */
function timings(median: number, spread: number) {
  return summarize(Array.from({ length: 30 }, (_, i) => median * (1 + spread * Math.sin(i))));
}

describe("compare", () => {
  it("a 20% slowdown on tight timings is flagged; the same change is 'same' under wider noise", () => {
    const base = timings(1, 0.01);
    expect(change("W1", base, timings(1.2, 0.01)).verdict).toBe("slower");
    const noisyBase = timings(1, 0.5);
    const noisyNow = timings(1.2, 0.5);
    const c = change("W1", noisyBase, noisyNow);
    expect(c.threshold).toBeCloseTo(noisyBase.rme + noisyNow.rme, 12);
    expect(c.verdict).toBe("same");
  });

  it("a speed-up beyond the noise is 'faster', and the threshold never falls below MIN_CHANGE", () => {
    const base = timings(2, 0.001);
    const c = change("W2", base, timings(1, 0.001));
    expect(c.verdict).toBe("faster");
    expect(c.ratio).toBeCloseTo(0.5, 3);
    expect(change("W2", base, timings(2 * (1 + MIN_CHANGE / 2), 0.001)).verdict).toBe("same");
  });
});
