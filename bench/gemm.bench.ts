/**
 * gemm throughput. Run with `npx tsx bench/gemm.bench.ts` (takes ~10 s).
 *  - 256³ in the four transpose variants × float64/float32: GFLOP/s = 2·m·n·k / time,
 *    checked against the 2.5 GFLOP/s requirement; a plain i-k-j loop for reference.
 *  - The W1 workload (batch 32, layers 2-16-16-1): forward products and the
 *    two backward products per layer (dW = Xᵀ·dY, dX = dY·Wᵀ), in calls/s.
 * Every figure is the median of several timed repetitions after a warm-up, so
 * that JIT tier-up and the odd scheduling hiccup do not distort it.
 */
import type { Storage } from "../src/autograd/dtype.ts";
import { gemm } from "../src/autograd/kernels/gemm.ts";

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
const TARGET_GFLOPS = 2.5;

function random(type: Ctor, length: number): Storage {
  const out = new type(length);
  for (let i = 0; i < length; i++) out[i] = Math.random() * 2 - 1;
  return out;
}

interface Timing { cpu: number; wall: number }

/**
 * Median milliseconds per call of `fn`, timed in `reps` batches of `batch` calls
 * after `warmup` calls. `cpu` is this process's CPU time, which is what the
 * figures are computed from: other jobs on the machine can deschedule the
 * process and inflate `wall` without saying anything about the kernel.
 */
function msPerCall(fn: () => void, warmup: number, reps: number, batch: number): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const cpu: number[] = [], wall: number[] = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage(), w0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    const w1 = performance.now(), c1 = process.cpuUsage(c0);
    wall.push((w1 - w0) / batch);
    cpu.push((c1.user + c1.system) / 1000 / batch);
  }
  const median = (xs: number[]): number => xs.sort((x, y) => x - y)[xs.length >> 1];
  return { cpu: median(cpu), wall: median(wall) };
}

function plainIkj(m: number, n: number, k: number, a: Float64Array, b: Float64Array, c: Float64Array): void {
  c.fill(0);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p];
      for (let j = 0; j < n; j++) c[i * n + j] += av * b[p * n + j];
    }
  }
}

const label = (transA: boolean, transB: boolean): string => `${transA ? "Aᵀ" : "A"}·${transB ? "Bᵀ" : "B"}`;
const dtypeName = (type: Ctor): string => (type === Float64Array ? "float64" : "float32");
const VARIANTS: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];

function benchSquare(size: number): boolean {
  const flops = 2 * size ** 3;
  console.log(`${size}×${size}×${size}  GFLOP/s from CPU time (wall-clock in brackets), median of 15 after warm-up; requirement ≥ ${TARGET_GFLOPS}`);
  let ok = true;
  for (const type of [Float64Array, Float32Array]) {
    const a = random(type, size * size), b = random(type, size * size), c = new type(size * size);
    for (const [transA, transB] of VARIANTS) {
      const t = msPerCall(() => gemm(transA, transB, size, size, size, a, 0, b, 0, c, 0, false), 10, 15, 1);
      const gflops = flops / t.cpu / 1e6;
      ok &&= gflops >= TARGET_GFLOPS;
      console.log(`  ${dtypeName(type)}  ${label(transA, transB).padEnd(6)} ${gflops.toFixed(2).padStart(6)}  (${(flops / t.wall / 1e6).toFixed(2)})`);
    }
  }
  const a = random(Float64Array, size * size) as Float64Array, b = random(Float64Array, size * size) as Float64Array;
  const c = new Float64Array(size * size);
  const t = msPerCall(() => plainIkj(size, size, size, a, b, c), 3, 5, 1);
  console.log(`  reference: plain i-k-j loop, float64 A·B ${(flops / t.cpu / 1e6).toFixed(2)}  (${(flops / t.wall / 1e6).toFixed(2)})`);
  return ok;
}

interface Shape { name: string; transA: boolean; transB: boolean; m: number; n: number; k: number }

/** W1: batch 32, layers 2-16-16-1. Layer l computes Y = X·W with X [32×in], W [in×out]. */
function w1Shapes(): Shape[] {
  const batch = 32, widths = [2, 16, 16, 1];
  const shapes: Shape[] = [];
  for (let l = 0; l + 1 < widths.length; l++) {
    const din = widths[l], dout = widths[l + 1], tag = `layer ${l + 1} (${din}→${dout})`;
    shapes.push({ name: `${tag} fwd  Y = X·W     [${batch}×${din}]·[${din}×${dout}]`, transA: false, transB: false, m: batch, n: dout, k: din });
    shapes.push({ name: `${tag} bwd dW = Xᵀ·dY   [${din}×${batch}]·[${batch}×${dout}]`, transA: true, transB: false, m: din, n: dout, k: batch });
    shapes.push({ name: `${tag} bwd dX = dY·Wᵀ   [${batch}×${dout}]·[${dout}×${din}]`, transA: false, transB: true, m: batch, n: din, k: dout });
  }
  return shapes;
}

function benchW1(): void {
  console.log("W1 shapes: calls/s from CPU time (wall-clock in brackets), median of 9 batches of 2000 calls after warm-up");
  const cases = [Float64Array, Float32Array].map((type) => w1Shapes().map((s) => {
    const a = random(type, s.m * s.k), b = random(type, s.k * s.n), c = new type(s.m * s.n);
    return { s, run: (): void => gemm(s.transA, s.transB, s.m, s.n, s.k, a, 0, b, 0, c, 0, false) };
  }));
  // Warm every shape and dtype up first, so each is measured in the same
  // steady JIT state the engine reaches, not while code is still being optimised.
  for (let round = 0; round < 3; round++) for (const list of cases) for (const { run } of list) msPerCall(run, 0, 1, 3000);
  for (const [index, type] of [Float64Array, Float32Array].entries()) {
    let stepMs = 0;
    for (const { s, run } of cases[index]) {
      const t = msPerCall(run, 1000, 9, 2000);
      stepMs += t.cpu;
      const rate = (ms: number): string => (1 / ms / 1000).toFixed(3);
      console.log(`  ${dtypeName(type)}  ${s.name.padEnd(52)} ${rate(t.cpu).padStart(6)} M calls/s  (${rate(t.wall)})`);
    }
    console.log(`  ${dtypeName(type)}  all nine products of one training step: ${(stepMs * 1000).toFixed(1)} µs`);
  }
}

const ok = benchSquare(256);
console.log();
benchW1();
console.log();
console.log(ok ? `256³: all variants ≥ ${TARGET_GFLOPS} GFLOP/s` : `256³: some variant below ${TARGET_GFLOPS} GFLOP/s`);
