/** What every benchmarked system provides: a stepper per workload, built on the same data. */
import type { Workload } from "../workloads.ts";

export type SystemId = "tapegrad" | "tapegrad-untidy" | "jaxjs" | "pytorch" | "tfjs-cpu" | "tfjs-wasm" | "loops";
export type BenchDType = "float32" | "float64";

/** The systems in table order; ratios are quoted against the first. */
export const SYSTEM_IDS: readonly SystemId[] = ["tapegrad", "tapegrad-untidy", "jaxjs", "pytorch", "tfjs-cpu", "tfjs-wasm", "loops"];

export const SYSTEM_LABELS: Readonly<Record<SystemId, string>> = {
  tapegrad: "tapegrad",
  "tapegrad-untidy": "tapegrad, no tidy",
  jaxjs: "jax-js jit WASM",
  pytorch: "PyTorch 1 thread",
  "tfjs-cpu": "TF.js CPU",
  "tfjs-wasm": "TF.js WASM",
  loops: "hand-written loops",
};

/** One workload set up in one system. */
export interface Stepper {
  /** Runs `count` steps (forward, backward, update). */
  run(count: number): void;
  /** Runs one step and returns the loss its forward pass computed (W5: the unperturbed L). */
  lossStep(): number;
  dispose(): void;
}

/** A stepper for a system that holds no resources: `step` runs one step and returns its loss. */
export function plainStepper(step: () => number): Stepper {
  return {
    run(count) {
      for (let i = 0; i < count; i++) step();
    },
    lossStep: step,
    dispose() {},
  };
}

export interface System {
  readonly id: SystemId;
  readonly dtypes: readonly BenchDType[];
  /** Makes this system current (TF.js: selects its backend); true when that changed anything. */
  enter(): Promise<boolean>;
  create(w: Workload, dtype: BenchDType): Stepper;
}

/** `values` rounded to `dtype`. */
export function typed(values: Float64Array, dtype: BenchDType): Float32Array | Float64Array {
  return dtype === "float32" ? Float32Array.from(values) : Float64Array.from(values);
}
