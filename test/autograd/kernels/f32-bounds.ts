/**
 * The error bounds of the float32 SIMD transcendental kernels, derived from their constants (first-order terms in
 * u = 2⁻²⁴, each a rounding or a truncation named beside it; the second-order rest is covered by SLACK). The
 * tests check every result against float64 references with these bounds; none is a tolerance found by trial.
 */
import { C1, C2, COEFFS } from "../../../src/autograd/kernels/exp-f32-wasm.ts";
import { TANH_COEFFS, TANH_SERIES } from "../../../src/autograd/kernels/activation-f32-wasm.ts";

export const U = 2 ** -24;
/** Products of first-order terms: a few u² relative, far below 2⁻¹⁶ of the bound. */
export const SLACK = 1 + 2 ** -16;
/** Half the smallest subnormal: the absolute error of a rounding into the subnormal range. */
export const SUB = 2 ** -150;

/**
 * A Horner evaluation of Σ cₖ·zᵏ in float32, each step q ← c + z·q rounding its product and its sum: the error is
 * at most u·Σₖ |z|ᵏ·(|qₖ| + |z·qₖ₊₁|) (each step's two roundings, carried out by the powers of z). Returns it / u.
 */
function hornerErrorU(coeffs: readonly number[], z: number): number {
  const q: number[] = [];
  q[coeffs.length - 1] = coeffs[coeffs.length - 1];
  for (let k = coeffs.length - 2; k >= 0; k--) q[k] = coeffs[k] + z * q[k + 1];
  let e = 0;
  for (let k = 0; k < coeffs.length - 1; k++) e += Math.abs(z) ** k * (Math.abs(q[k]) + Math.abs(z * q[k + 1]));
  return e;
}

/**
 * exp's relative error bound B in units of u, the maximum over the reduced argument r of
 *   Horner's roundings / eʳ + the rounded coefficients' Σ|ĉₖ − 1/k!|·|r|ᵏ / eʳ + the remainder |r|⁸/8!·e^|r| / eʳ
 *   + the reduction's roundings (t − n·C1 is exact; n·C2 and the last subtraction round: u·(|n·C2| + |r|))
 *   + |n|·|ln 2 − C1 − C2| (the split's own error), with |n| ≤ 150 and
 * |r| ≤ ln2/2·(1 + 2⁻¹⁴) (n is the nearest integer to a float32 product t·log₂e, off by at most 1.6·10⁻⁵ beyond ½).
 * The final scaling by 2ⁿ is exact but for a subnormal result, which adds SUB absolute.
 */
export function expBoundU(): number {
  const rmax = (Math.LN2 / 2) * (1 + 2 ** -14);
  const fact = [1, 1, 2, 6, 24, 120, 720, 5040];
  let worst = 0;
  for (let i = -2000; i <= 2000; i++) {
    const r = (rmax * i) / 2000;
    let coef = 0;
    for (let k = 2; k < 8; k++) coef += Math.abs(COEFFS[k] - 1 / fact[k]) * Math.abs(r) ** k;
    const rest = (Math.abs(r) ** 8 / 40320) * Math.exp(Math.abs(r));
    const b = (hornerErrorU(COEFFS, r) + (coef + rest) / U) / Math.exp(r) + 150 * C2 + Math.abs(r) + (150 * Math.abs(Math.LN2 - C1 - C2)) / U;
    worst = Math.max(worst, b);
  }
  // The grid's spacing (1.7·10⁻⁴ in r) moves no term by more than 10⁻³ u.
  return (worst + 1e-3) * SLACK;
}

export const EXP_B = expBoundU();

/**
 * tanh's bound at x, |error| ≤ tanhBoundU(x)·u·|tanh x| (+ SUB where E is subnormal, far below the bound).
 * |x| < ½: z = x² rounds (u); the series Q(z) by Horner (hornerErrorU) and Q's own change with z (|z·Q′/Q|·u);
 *   w = z·Q rounds (u), x·w rounds (u); y = x + x·w rounds (u) and carries w's error scaled by |w/(1 + w)|; the
 *   first omitted term of the alternating series, |c₉|·z⁹/(1 + w).
 * |x| ≥ ½: E = e^(−2|x|) within B; 1 − E rounds unless E ≥ ½ (Sterbenz), 1 + E rounds, the quotient rounds:
 *   E·B/(1 − E) + E·B/(1 + E) + [E < ½] + 2.
 */
export function tanhBoundU(x: number): number {
  const a = Math.abs(x);
  if (a < TANH_SERIES) {
    const z = a * a;
    const q = [...TANH_COEFFS];
    let Q = 0, dQ = 0;
    for (let k = q.length - 1; k >= 0; k--) {
      dQ = dQ * z + Q;
      Q = Q * z + q[k];
    }
    const epsQ = hornerErrorU(q, z) / Math.abs(Q) + Math.abs((z * dQ) / Q);
    const w = z * Q;
    const epsXw = epsQ + 1 + 1 + 1;
    const c9 = 443861162 / 1856156927625;
    return (1 + (Math.abs(w) / (1 + w)) * epsXw + (c9 * z ** 9) / (1 + w) / U) * SLACK;
  }
  const E = Math.exp(-2 * a);
  return ((E * EXP_B) / (1 - E) + (E * EXP_B) / (1 + E) + (E < 0.5 ? 1 : 0) + 2 + E / U * 2 ** -126) * SLACK;
}

/**
 * sigmoid's bound at x in u, relative to σ(x), plus SUB·2 absolute: E = e^(−|x|) within B (+ SUB); 1 + E carries
 * E·B/(1 + E) and rounds (1); 1/(1 + E) rounds (1); for x < 0, E/(1 + E) carries E's B too.
 */
export function sigmoidBoundU(x: number): number {
  const E = Math.exp(-Math.abs(x));
  const den = (E * EXP_B) / (1 + E) + 1;
  return ((x >= 0 ? 0 : EXP_B) + den + 1) * SLACK;
}
