/** A micro-benchmark: one small piece of work, in tapegrad and (where TF.js has the same op) in TF.js. */
import { Mulberry32 } from "../data.ts";

export type Tf = typeof import("@tensorflow/tfjs");
/** Runs the piece of work `count` times. */
export type Runner = (count: number) => void;

export type Family = "elementwise" | "reduction" | "matmul" | "loss" | "tape" | "perturb" | "optim";

export interface MicroCase {
  readonly id: string;
  readonly family: Family;
  readonly label: string;
  /** A derived figure: GFLOP/s from `amount` flops per run, or ns per unit from `amount` units per run. */
  readonly derived?: { readonly unit: "GFLOP/s" | "ns/node" | "ns/call"; readonly amount: number };
  /** A case this one adds to: the table shows the difference (measured interleaved with it). */
  readonly baseline?: string;
  readonly tapegrad: () => Runner;
  readonly tfjs?: (tf: Tf) => Runner;
}

/** `count` values from U(−1, 1), from a fixed stream so that every run sees the same data. */
export function values(count: number, seed = 7): Float64Array {
  return new Mulberry32(seed).uniform(count, -1, 1);
}

/** A TF.js runner: `op` inside tidy, so every intermediate is freed. */
export function tidyRunner(tf: Tf, op: () => unknown): Runner {
  return (count) => {
    for (let i = 0; i < count; i++) tf.tidy(() => void op());
  };
}
