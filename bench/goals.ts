/**
 * The speed goals of the engine, nn and bench issues, checked against one run's figures. Speedups are peer time
 * over tapegrad time (> 1: tapegrad is faster); loop ratios are tapegrad time over hand-written time.
 */
import { peakOf } from "./simd-peak.ts";
import type { SuiteResult } from "./suite.ts";
import type { BenchDType, SystemId } from "./systems/system.ts";
import type { WorkloadId } from "./workloads.ts";

export interface Goal {
  readonly text: string;
  readonly value: number | null;
  readonly target: number;
  readonly at: "least" | "most";
  /** null when the run did not measure what the goal needs. */
  readonly pass: boolean | null;
  /** A "go further" goal rather than a required one. */
  readonly stretch: boolean;
}

function median(r: SuiteResult, w: WorkloadId, system: SystemId, dtype: BenchDType = "float32"): number | null {
  const c = r.cells.find((x) => x.workload === w && x.system === system && x.dtype === dtype);
  return c === undefined ? null : c.time.median;
}

function ratio(num: number | null, den: number | null): number | null {
  return num === null || den === null ? null : num / den;
}

function goal(text: string, value: number | null, at: "least" | "most", target: number, stretch = false): Goal {
  const pass = value === null ? null : at === "least" ? value >= target : value <= target;
  return { text, value, target, at, pass, stretch };
}

export function evaluateGoals(r: SuiteResult): Goal[] {
  const speedup = (w: WorkloadId, peer: SystemId) => ratio(median(r, w, peer), median(r, w, "tapegrad"));
  const overLoops = (w: WorkloadId) => ratio(median(r, w, "tapegrad"), median(r, w, "loops"));
  const gflops = (dtype: BenchDType) =>
    r.cells.find((c) => c.workload === "W4" && c.system === "tapegrad" && c.dtype === dtype)?.gflops ?? null;
  const pair = r.pairs.find((p) => p.system === "tapegrad" && p.perturbation === "composed");
  const f32Peak = peakOf(r.peaks, "float32", "W4");
  const w4 = gflops("float32");
  const fusedPair = r.pairs.find((p) => p.system === "tapegrad" && p.perturbation === "fused");
  return [
    goal("W4 float32 GFLOP/s", gflops("float32"), "least", 2.5),
    goal("W4 float64 GFLOP/s", gflops("float64"), "least", 2.5),
    goal("W4 speedup over TF.js CPU", speedup("W4", "tfjs-cpu"), "least", 4),
    goal("W1 speedup over jax-js", speedup("W1", "jaxjs"), "least", 3),
    goal("W2 speedup over jax-js", speedup("W2", "jaxjs"), "least", 1.25),
    goal("W3 speedup over jax-js", speedup("W3", "jaxjs"), "least", 1.25),
    goal("W4 speedup over jax-js", speedup("W4", "jaxjs"), "least", 1),
    goal("W1 speedup over PyTorch (1 thread)", speedup("W1", "pytorch"), "least", 2),
    goal("W2 speedup over PyTorch (1 thread)", speedup("W2", "pytorch"), "least", 0.5),
    goal("W4 float32 share of the f32x4 SIMD peak", w4 === null || f32Peak === null ? null : w4 / f32Peak, "least", 0.7),
    goal("W1 speedup over TF.js CPU", speedup("W1", "tfjs-cpu"), "least", 5),
    goal("W2 speedup over TF.js CPU", speedup("W2", "tfjs-cpu"), "least", 3),
    goal("W3 speedup over TF.js CPU", speedup("W3", "tfjs-cpu"), "least", 3),
    goal("W1 time over the hand-written loops", overLoops("W1"), "most", 2),
    goal("W2 time over the hand-written loops", overLoops("W2"), "most", 1.5),
    goal("W3 time over the hand-written loops", overLoops("W3"), "most", 1.5),
    goal("W5/W2 time, paired (composed)", pair === undefined ? null : pair.ratio.median, "most", 1.03),
    goal("W5/W2 time, paired (fused node)", fusedPair === undefined ? null : fusedPair.ratio.median, "most", 1.05),
    goal("W1 speedup over TF.js WASM", speedup("W1", "tfjs-wasm"), "least", 1, true),
    goal("W2 speedup over TF.js WASM", speedup("W2", "tfjs-wasm"), "least", 1, true),
    // "Match" on W3: within 5%, about the run-to-run noise of a quick run.
    goal("W3 speedup over TF.js WASM (match)", speedup("W3", "tfjs-wasm"), "least", 0.95, true),
  ];
}
