import { describe, expect, it } from "vitest";
import { mapF32 } from "../../../src/autograd/kernels/elementwise-f32.ts";
import { EXP_B, SUB, U } from "./f32-bounds.ts";

const LANES = 65536;
const bits = new Uint32Array(LANES);
const xs = new Float32Array(bits.buffer);
/** The float32 overflow threshold: an exact value at or above it rounds to +∞. */
const OVERFLOW = 2 ** 128 * (1 - 2 ** -25);

/** Each result of exp on float32 inputs against Math.exp in doubles; returns the worst error seen, in u. */
function checkExp(): number {
  const out = new Float32Array(LANES);
  expect(mapF32("exp", out, xs)).toBe(true);
  let worst = 0;
  for (let i = 0; i < LANES; i++) {
    const x = xs[i], e = Math.exp(x), got = out[i];
    if (Number.isNaN(x)) {
      if (!Number.isNaN(got)) throw new Error(`exp(NaN) gave ${got}`);
      continue;
    }
    if (got === Infinity && e * (1 + EXP_B * U) >= OVERFLOW) continue;
    const err = Math.abs(got - e);
    if (!(err <= EXP_B * U * e + SUB)) throw new Error(`exp(${x}) = ${got}, float64 ${e}: ${(err / e / U).toFixed(2)} u > ${EXP_B}`);
    if (e >= 2 ** -126) worst = Math.max(worst, err / e / U);
  }
  return worst;
}

describe("exp on four float32 lanes (exp-f32-wasm.ts)", () => {
  it(`the derived bound: relative error ≤ B·2⁻²⁴ with B = ${EXP_B.toFixed(3)} < 3, so within 3 ulps (f32-bounds.ts derives B)`, () => {
    expect(EXP_B).toBeLessThan(3);
  });

  it("every 4099th float32 bit pattern (one in 4099 of all, both signs, NaNs and subnormals) is within the bound of Math.exp", () => {
    let worst = 0;
    // 16 runs of 2¹⁶ patterns k·4099 (mod 2³², as the Uint32Array stores them) cover the 2³² patterns evenly.
    for (let run = 0; run < 16; run++) {
      for (let i = 0; i < LANES; i++) bits[i] = (run * LANES + i) * 4099;
      worst = Math.max(worst, checkExp());
    }
    expect(worst).toBeLessThanOrEqual(EXP_B);
  });

  it("every float32 in [−1, 1] spaced 2⁻¹⁶, and dense runs at the overflow and underflow edges, are within the bound", () => {
    const grids: ((i: number) => number)[] = [
      (i) => -1 + i * 2 ** -15, (i) => 1 - i * 2 ** -15,
      (i) => 88 + i * 2 ** -15, (i) => -87.5 - i * 2 ** -15, (i) => -103.5 - i * 2 ** -15,
    ];
    for (const at of grids) {
      for (let i = 0; i < LANES; i++) xs[i] = at(i);
      checkExp();
    }
  });

  it("specials: exp(±0) = 1 exactly, exp(−∞) = +0, exp(+∞) = +∞, exp(NaN) = NaN, exp(±200) = +∞ and +0", () => {
    const special = [0, -0, -Infinity, Infinity, NaN, 200, -200, 89, -104];
    const x = new Float32Array(256).fill(1);
    x.set(special);
    const out = new Float32Array(256);
    expect(mapF32("exp", out, x)).toBe(true);
    expect(Array.from(out.subarray(0, special.length))).toEqual([1, 1, 0, Infinity, NaN, Infinity, 0, Infinity, 0]);
  });
});
