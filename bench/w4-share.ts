/**
 * Where a W4 step's time goes: the step beside its three 256³ float32 products (A·B, g·Bᵀ, Aᵀ·g) run alone, into
 * one reused output and into fresh ones, interleaved by the harness; each as GFLOP/s and a share of the f32x4 peak
 * measured in the same run, with the minor page faults per step. The gap between the products alone and the step
 * is what the engine adds around the kernel: fresh storage (zeroed by the allocator, faulted in page by page when
 * it comes from newly mapped memory), sum's gradient expanded to 256×256, the tape. The step runs inside `tidy`
 * (its buffers reused from one step to the next) and without it.
 *   npx tsx bench/w4-share.ts [--full]
 */
import { gemm } from "../src/autograd/kernels/gemm.ts";
import { clockOf } from "../src/cli/clock.ts";
import { FULL, QUICK, measure, type Subject } from "../src/profile/harness.ts";
import { fmt, table } from "../src/profile/format.ts";
import { measureSimdPeak } from "./simd-peak.ts";
import { tapegrad, tapegradUntidy } from "./systems/tapegrad.ts";
import { workload } from "./workloads.ts";

const N = 256;
const FLOPS = 3 * 2 * N ** 3;
const clock = clockOf("cpu");
const budget = process.argv.includes("--full") ? FULL : QUICK;

const a = Float32Array.from({ length: N * N }, (_, i) => Math.sin(i * 0.7));
const b = Float32Array.from({ length: N * N }, (_, i) => Math.cos(i * 0.3));
const reused = new Float32Array(N * N);
/** The step's three products, each into `out()`. */
function products(out: () => Float32Array): void {
  gemm(false, false, N, N, N, a, 0, b, 0, out(), 0, false);
  gemm(false, true, N, N, N, a, 0, b, 0, out(), 0, false);
  gemm(true, false, N, N, N, a, 0, b, 0, out(), 0, false);
}

const step = tapegrad.create(workload("W4"), "float32");
const untidy = tapegradUntidy.create(workload("W4"), "float32");
const faults = new Map<string, { faults: number; steps: number }>();
/** A subject that also counts the minor page faults of its steps. */
function subject(key: string, run: () => void): Subject {
  const count = { faults: 0, steps: 0 };
  faults.set(key, count);
  return {
    key,
    run: (n) => {
      const f0 = process.resourceUsage().minorPageFault;
      for (let i = 0; i < n; i++) run();
      count.faults += process.resourceUsage().minorPageFault - f0;
      count.steps += n;
    },
  };
}

const stats = await measure([
  subject("W4 step (forward, backward) in tidy", () => step.run(1)),
  subject("W4 step without tidy", () => untidy.run(1)),
  subject("its 3 products, one reused output", () => products(() => reused)),
  subject("its 3 products, fresh outputs", () => products(() => new Float32Array(N * N))),
], budget, { clock });
const peak = measureSimdPeak("f32x4", clock);
const rows: string[][] = [["", "ms", "±rme", "GFLOP/s", "% of f32x4 peak", "page faults/step"]];
for (const [key, s] of stats) {
  const gflops = FLOPS / s.median / 1e6;
  const f = faults.get(key);
  rows.push([
    key, fmt(s.median), `${(100 * s.rme).toFixed(1)}%`, gflops.toFixed(1),
    peak === null ? "–" : `${((100 * gflops) / peak.gflops).toFixed(0)}%`, f === undefined ? "–" : (f.faults / f.steps).toFixed(0),
  ]);
}
for (const line of table(rows, "lrrrrr")) console.log(line);
if (peak !== null) console.log(`f32x4 peak: ${peak.gflops.toFixed(1)} GFLOP/s (${peak.fused ? "relaxed fused multiply-add" : "multiply, then add"})`);
