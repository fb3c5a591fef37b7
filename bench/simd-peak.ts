/**
 * This machine's WebAssembly SIMD peak, measured in-process: a loop of independent multiply-adds on vector
 * registers (no memory traffic, no dependency between consecutive ones), in f32x4 and f64x2. The gemm kernels can
 * at best approach it, so W3's and W4's GFLOP/s are quoted as a fraction of it. The suite times the loop as one
 * more subject in W3's and W4's interleaved rounds, so that a stretch of time in which the (shared) machine runs
 * slower lowers both figures alike instead of the workload's alone.
 *
 * ACC accumulators, each updated acc = acc·x + y per iteration: the update of one accumulator waits for its
 * previous one (4 cycles of latency for a multiply, 3 for an add), so ACC of them in flight keep both vector
 * ports busy. The instructions are the ones the kernels use: a relaxed fused multiply-add where the engine
 * validates one, else a multiply then an add (2 flops per lane either way).
 */
import {
  assemble, f32x4Add, f32x4Mul, f32x4RelaxedMadd, f64x2Add, f64x2Mul, f64x2RelaxedMadd, forLoop, get, i32, i32Const, set, v128,
  v128Load, v128Store,
} from "../src/autograd/kernels/wasm-asm.ts";
import { wasmApi } from "../src/autograd/kernels/wasm-api.ts";
import type { WorkloadId } from "./workloads.ts";

const ACC = 12;
const ITERATIONS = 1 << 18;

export type Lanes = "f32x4" | "f64x2";

export interface SimdPeak {
  readonly lanes: Lanes;
  readonly gflops: number;
  /** The relaxed fused multiply-add, or a multiply then an add. */
  readonly fused: boolean;
  /**
   * The workload whose rounds the loop was timed in, as one more subject (its median, so the machine's drift hits
   * it and the workload alike); absent for a best-of-n figure taken on its own.
   */
  readonly workload?: WorkloadId;
}

// Parameters, then locals: n, then i, x, y and the accumulators.
const N = 0, I = 1, X = 2, Y = 3, A0 = 4;

function module(lanes: Lanes, fused: boolean): Uint8Array {
  const [mul, add, madd] = lanes === "f32x4" ? [f32x4Mul, f32x4Add, f32x4RelaxedMadd] : [f64x2Mul, f64x2Add, f64x2RelaxedMadd];
  const step: number[] = [];
  for (let r = 0; r < ACC; r++) {
    step.push(...(fused ? [...get(A0 + r), ...get(X), ...get(Y), ...madd] : [...get(A0 + r), ...get(X), ...mul, ...get(Y), ...add]));
    step.push(...set(A0 + r));
  }
  // x, y and the accumulators start from memory (so nothing is a constant) and end there (so nothing is dead).
  const body = [...i32Const(0), ...v128Load(0), ...set(X), ...i32Const(0), ...v128Load(16), ...set(Y)];
  for (let r = 0; r < ACC; r++) body.push(...i32Const(0), ...v128Load(32 + 16 * r), ...set(A0 + r));
  body.push(...forLoop(I, N, 1, step));
  for (let r = 0; r < ACC; r++) body.push(...i32Const(0), ...get(A0 + r), ...v128Store(32 + 16 * r));
  return assemble(1, [{ name: "peak", params: [i32], locals: [i32, ...new Array<typeof v128>(ACC + 2).fill(v128)], body }]);
}

/** The loop in `lanes`, ready to run: one call of `run` is ITERATIONS rounds of the ACC multiply-adds. */
export interface PeakLoop {
  readonly lanes: Lanes;
  readonly fused: boolean;
  /** Floating-point operations in one call of `run`. */
  readonly flops: number;
  run(): void;
}

/** The loop in `lanes`, compiled and warmed up; null without WebAssembly SIMD. */
export function peakLoop(lanes: Lanes): PeakLoop | null {
  const wasm = wasmApi();
  if (wasm === null) return null;
  let bytes = module(lanes, true);
  const fused = wasm.validate(bytes);
  if (!fused) bytes = module(lanes, false);
  if (!wasm.validate(bytes)) return null;
  const { exports } = new wasm.Instance(new wasm.Module(bytes));
  const memory = new Uint8Array((exports.memory as { buffer: ArrayBuffer }).buffer);
  // x = 1 − ε, y = ε: the accumulators stay near 1, far from overflow and subnormals.
  const view = lanes === "f32x4" ? new Float32Array(memory.buffer, 0, 8 + 4 * ACC) : new Float64Array(memory.buffer, 0, 4 + 2 * ACC);
  const width = lanes === "f32x4" ? 4 : 2;
  view.fill(1);
  view.fill(0.999, 0, width);
  view.fill(0.001, width, 2 * width);
  const peak = exports.peak as (n: number) => void;
  peak(ITERATIONS); // compile and warm up
  return { lanes, fused, flops: ITERATIONS * ACC * width * 2, run: () => peak(ITERATIONS) };
}

/** GFLOP/s of the loop in `lanes`, best of `rounds` timed runs on `clock` (ms); null without WebAssembly SIMD. */
export function measureSimdPeak(lanes: Lanes, clock: () => number, rounds = 7): SimdPeak | null {
  const loop = peakLoop(lanes);
  if (loop === null) return null;
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = clock();
    loop.run();
    best = Math.min(best, clock() - t0);
  }
  return { lanes, gflops: loop.flops / (best * 1e6), fused: loop.fused };
}

/**
 * The measured peak for a dtype's lanes (f32x4 for float32, f64x2 for float64): the one timed in `workload`'s rounds
 * if there is one, else any measured.
 */
export function peakOf(peaks: readonly SimdPeak[] | undefined, dtype: string, workload?: string): number | null {
  const lanes = dtype === "float32" ? "f32x4" : "f64x2";
  const mine = (peaks ?? []).filter((p) => p.lanes === lanes);
  return (mine.find((p) => p.workload === workload) ?? mine[0])?.gflops ?? null;
}
