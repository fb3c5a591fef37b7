import { describe, expect, it } from "vitest";
import { evaluateGoals } from "../../bench/goals.ts";
import { matrix } from "../../bench/report.ts";
import { summarize } from "../../src/profile/stats.ts";
import type { CellFigure, SuiteResult } from "../../bench/suite.ts";
import type { SystemId } from "../../bench/systems/system.ts";
import type { WorkloadId } from "../../bench/workloads.ts";

function cell(workload: WorkloadId, system: SystemId, ms: number, gflops: number | null = null): CellFigure {
  return { workload, dtype: "float32", system, time: summarize([ms, ms, ms, ms, ms]), stepsPerSec: 1000 / ms, gflops };
}

function result(cells: CellFigure[], ratio: number | null): SuiteResult {
  const pair = (perturbation: "composed" | "fused") => ({
    system: "tapegrad" as const, perturbation, w2: summarize([1]), w5: summarize([ratio ?? 1]),
    ratio: summarize([ratio ?? 1, ratio ?? 1, ratio ?? 1, ratio ?? 1, ratio ?? 1]),
  });
  const pairs = ratio === null ? [] : [pair("composed"), pair("fused")];
  return { cells, pairs, micro: [] } as unknown as SuiteResult;
}

describe("goals", () => {
  it("speedups are peer time over tapegrad time; loop ratios tapegrad time over loop time", () => {
    const goals = evaluateGoals(result([cell("W1", "tapegrad", 0.1), cell("W1", "tfjs-cpu", 0.6), cell("W1", "loops", 0.08)], 1.02));
    const byText = new Map(goals.map((g) => [g.text, g]));
    expect(byText.get("W1 speedup over TF.js CPU")?.value).toBeCloseTo(0.6 / 0.1, 12);
    expect(byText.get("W1 speedup over TF.js CPU")?.pass).toBe(true);
    expect(byText.get("W1 time over the hand-written loops")?.value).toBeCloseTo(0.1 / 0.08, 12);
    expect(byText.get("W5/W2 time, paired (composed)")?.pass).toBe(true);
    expect(byText.get("W5/W2 time, paired (fused node)")?.pass).toBe(true);
  });

  it("a goal missed is false, and one the run did not measure is null", () => {
    const goals = evaluateGoals(result([cell("W2", "tapegrad", 4), cell("W2", "tfjs-cpu", 10)], 1.2));
    const byText = new Map(goals.map((g) => [g.text, g]));
    expect(byText.get("W2 speedup over TF.js CPU")?.pass).toBe(false);
    expect(byText.get("W5/W2 time, paired (composed)")?.pass).toBe(false);
    expect(byText.get("W5/W2 time, paired (fused node)")?.pass).toBe(false);
    expect(byText.get("W3 speedup over TF.js CPU")?.pass).toBeNull();
    expect(byText.get("W4 float32 GFLOP/s")?.value).toBeNull();
  });

  it("the matrix shows steps/s per system with tapegrad's speedup in parentheses", () => {
    const lines = matrix(result([cell("W1", "tapegrad", 0.1), cell("W1", "tfjs-cpu", 0.5)], null));
    expect(lines[0]).toMatch(/^system\s+W1 steps\/s$/);
    expect(lines[1]).toMatch(/^tapegrad\s+10000$/);
    expect(lines[2]).toMatch(/^TF\.js CPU\s+2000 \(5\.00×\)$/);
  });
});
