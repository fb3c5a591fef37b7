import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { profile } from "../../src/profile/profile.ts";
import { compare } from "../../src/profile/compare.ts";
import { arithmetic, calibrate, cpuClock, withinTries } from "./busy.ts";
import { mlpStep } from "./mlp-step.ts";

describe("profile", () => {
  it("an MLP step: per kind, forward calls that recorded a node equal the tape's nodes, and saved bytes what it holds", () => {
    const { step, tape } = mlpStep();
    const p = profile(step, { repeat: 3 });
    const { counts, saved } = tape();
    expect(new Map(p.rows.filter((r) => r.nodes > 0).map((r) => [r.kind, r.nodes]))).toEqual(counts);
    expect([...counts.keys()].sort()).toEqual(["crossEntropy", "linear", "relu"]);
    expect(p.rows.reduce((s, r) => s + r.saved, 0)).toBe(saved);
    const linear = p.rows.find((r) => r.kind === "linear");
    expect(linear?.shapes).toEqual(["[64, 64] × [128, 64] × [128] → [64, 128]", "[64, 128] × [64, 128] × [64] → [64, 64]", "[64, 64] × [10, 64] × [10] → [64, 10]"]);
    // Forward outputs are new storage: 64·(128 + 64 + 10) float64 values, and the loss.
    expect(linear?.allocatedForward).toBe(64 * (128 + 64 + 10) * 8);
    for (const r of p.rows) expect(r.backward).toBeGreaterThan(0);
  });

  it("an MLP step: forward and backward of every kind add up to the measured step within 10%", async () => {
    const { step } = mlpStep();
    // Ops and the step are timed on one clock in one run, and the coverage is the median over repetitions, so a
    // preemption that lands between two ops in a few repetitions does not move it; a retry covers the rare run
    // in which one lands in most of them on a machine busy with other jobs.
    const ok = await withinTries(3, async () => {
      const p = profile(step, { repeat: 10 });
      return p.coverage > 0.9 && p.coverage <= 1;
    });
    expect(ok).toBe(true);
  });

  it("regions nest, count their calls and contain the ops run in them; off a profile they only call through", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const step = () =>
      profile.region("outer", () => {
        const y = profile.region("inner", () => x.mul(2));
        return profile.region("inner", () => y.sum()).backward();
      });
    const p = profile(step, { repeat: 2 });
    expect(p.regions.map((r) => [r.name, r.calls])).toEqual([["inner", 2], ["outer", 1]]);
    const outer = p.events.filter((e) => e.name === "outer");
    const inner = p.events.filter((e) => e.name === "inner");
    expect(outer).toHaveLength(2);
    for (const e of inner) {
      const parent = outer.find((o) => o.repeat === e.repeat);
      expect(e.depth).toBe(1);
      expect(e.start).toBeGreaterThanOrEqual(parent?.start ?? Infinity);
      expect(e.end).toBeLessThanOrEqual(parent?.end ?? -Infinity);
    }
    expect(profile.region("alone", () => 42)).toBe(42);
  });

  it("the ops a backward rule runs count in its node's backward, not as forward calls", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const step = () => {
      x.grad = null;
      x.mul(x).sum().backward();
    };
    const p = profile(step, { repeat: 2, warmup: 0 });
    // mul's rule calls mul twice (g·x for each side); sum's rule reshapes and broadcasts: none of them are forward.
    expect(p.rows.map((r) => [r.kind, r.calls]).sort()).toEqual([["mul", 1], ["sum", 1]]);
    expect(p.events.some((e) => e.track === "backward" && e.output !== null && e.name === "mul")).toBe(true);
  });

  it("table sorts by the asked column and refuses an unknown one", () => {
    const { step } = mlpStep();
    const p = profile(step, { repeat: 2 });
    const names = (t: string) => t.split("\n").slice(3, 6).map((l) => l.split(/\s+/)[0]);
    expect(names(p.table({ sortBy: "name" }))).toEqual(["crossEntropy", "linear", "relu"]);
    expect(names(p.table({ sortBy: "calls" }))[0]).toBe("linear");
    expect(p.table()).toMatch(/^-+\nName\s+Calls\s+Nodes\s+Forward\s+Backward\s+Total\s+% step/);
    expect(p.table()).toMatch(/ops cover \d+\.\d% of the step/);
    expect(() => p.table({ sortBy: "speed" as "total" })).toThrow(/sortBy must be one of total, forward/);
  });

  it("refuses a step that is not a function and a repeat that is not a positive integer", () => {
    expect(() => profile(3 as unknown as () => void)).toThrow(/profile: the step must be a function, got number/);
    expect(() => profile(() => 1, { repeat: 0 })).toThrow(/repeat must be a positive integer/);
  });

  it("a region with no profile running costs nothing measurable: compare finds no difference", async () => {
    const n = calibrate(0.05);
    const f = () => arithmetic(n);
    const ok = await withinTries(3, async () => {
      const c = await compare({ bare: f, region: () => profile.region("r", f) }, { clock: cpuClock, budgetMs: 300, warmupMs: 50 });
      return !c.pairs[0].different;
    });
    expect(ok).toBe(true);
  });
});
