/**
 * Float32 lanes computed in doubles: a v128 of four floats widens to two f64x2 halves, each half is computed as
 * JavaScript computes a Float32Array element (double operations, IEEE-rounded alike in both), and the two results
 * are rounded back to float32 and joined. So a kernel built this way gives the JavaScript loop's bits.
 */
import { f32x4DemoteZero, f32x4Shuffle, f64x2PromoteLow, get } from "./wasm-asm.ts";

const HIGH: [number, number, number, number] = [2, 3, 2, 3];
const JOIN: [number, number, number, number] = [0, 1, 4, 5];

/** Float32 lanes 0–1 (or, `high`, 2–3) of v128 local `v` as an f64x2. */
export const widen = (v: number, high: boolean): number[] =>
  [...get(v), ...(high ? [...get(v), ...f32x4Shuffle(HIGH)] : []), ...f64x2PromoteLow];

/** An f64x2 rounded to float32 (lanes 0–1) and widened back: the value a Float32Array store then load gives. */
export const roundTrip = [...f32x4DemoteZero, ...f64x2PromoteLow];

/** The four float32 lanes of two f64x2 halves (`low` for lanes 0–1, `high` for 2–3), each rounded once. */
export const join = (low: readonly number[], high: readonly number[]): number[] =>
  [...low, ...f32x4DemoteZero, ...high, ...f32x4DemoteZero, ...f32x4Shuffle(JOIN)];
