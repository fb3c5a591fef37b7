import { describe, expect, it } from "vitest";
import { measure, measureInterleaved, measurePaired, warmUp, type Budget, type Subject } from "../../src/profile/harness.ts";

/** A fake clock, and subjects whose every step advances it by a fixed synthetic cost. */
function fixture() {
  let t = 0;
  const log: string[] = [];
  const clock = () => t;
  const subject = (key: string, msPerStep: number, enter?: () => Promise<boolean>): Subject => ({
    key,
    enter,
    run(count) {
      log.push(`${key}×${count}`);
      t += count * msPerStep;
    },
  });
  return { clock, subject, log };
}

const budget: Budget = { warmupMs: 10, sampleMs: 4, cellMs: 40, minSamples: 5, maxSamples: 1000 };

describe("harness", () => {
  it("warm-up runs at least warmupMs and sizes the batch so a sample lasts sampleMs", () => {
    const { clock, subject } = fixture();
    expect(warmUp(subject("a", 0.5, undefined), budget, clock)).toBe(4 / 0.5);
    expect(clock()).toBeGreaterThanOrEqual(budget.warmupMs);
    // A step longer than a sample still gets one step per sample.
    expect(warmUp(subject("b", 25, undefined), budget, clock)).toBe(1);
  });

  it("measure reports each subject's synthetic per-step time exactly, with zero spread", async () => {
    const { clock, subject } = fixture();
    const stats = await measure([subject("a", 0.5), subject("b", 2)], budget, { clock });
    const a = stats.get("a");
    const b = stats.get("b");
    expect(a?.median).toBe(0.5);
    expect(b?.median).toBe(2);
    expect(a?.rme).toBe(0);
    expect(a?.note).toBeNull();
    // cellMs of timed samples of sampleMs each: 40 / 4 = 10 samples
    expect(a?.samples).toBe(10);
  });

  it("rounds interleave and rotate: A B C, then B C A, then C A B", async () => {
    const { clock, subject, log } = fixture();
    await measure([subject("A", 1), subject("B", 1), subject("C", 1)], budget, { clock });
    const timed = log.filter((l) => l.endsWith("×4")).map((l) => l[0]);
    expect(timed.slice(0, 9).join("")).toBe("ABCBCACAB");
  });

  it("a subject whose enter switches state gets one untimed settling step before each sample", async () => {
    const { clock, subject, log } = fixture();
    let entered = 0;
    const s = subject("S", 1, async () => ++entered > 1);
    const stats = await measure([s], { ...budget, cellMs: 8 }, { clock });
    expect(stats.get("S")?.median).toBe(1);
    const samples = log.filter((l) => l === "S×4").length;
    expect(log.filter((l) => l === "S×1").length).toBeGreaterThanOrEqual(samples);
  });

  it("measurePaired gives time(b)/time(a) per sample: 1.25 for steps of 0.8 and 1 ms", async () => {
    const { clock, subject } = fixture();
    const r = await measurePaired(subject("W2", 0.8), subject("W5", 1), budget, { clock });
    expect(r.ratio.median).toBeCloseTo(1.25, 12);
    expect(r.ratio.p10).toBeCloseTo(1.25, 12);
    expect(r.a.median).toBeCloseTo(0.8, 12);
    expect(r.b.median).toBeCloseTo(1, 12);
    expect(r.ratio.samples).toBeGreaterThanOrEqual(budget.minSamples);
  });

  it("measurePaired alternates the order of the two steps", async () => {
    const { clock, subject, log } = fixture();
    await measurePaired(subject("a", 1), subject("b", 1), { ...budget, minSamples: 1, cellMs: 1 }, { clock });
    const paired = log.slice(-4).join(" ");
    expect(["a×1 b×1 b×1 a×1", "b×1 a×1 a×1 b×1"]).toContain(paired);
  });

  it("measureInterleaved times every subject in each round, rotating the order, a fast one in chunks of sampleMs/4", async () => {
    const { clock, subject, log } = fixture();
    const times = await measureInterleaved([subject("F", 0.01), subject("M", 1), subject("S", 2)], budget, { clock });
    // F: 1 ms chunks of 0.01 ms steps = 100 steps; M and S one step each.
    expect(times.map((t) => t[0])).toEqual([0.01, 1, 2].map((x) => expect.closeTo(x, 12)));
    expect(new Set(times.map((t) => t.length)).size).toBe(1);
    const rounds = log.filter((l) => /^[FMS]×(100|1)$/.test(l)).map((l) => l[0]);
    const last6 = rounds.slice(-6).join("");
    expect(["FMSMSF", "MSFSFM", "SFMFMS"]).toContain(last6);
  });
});
