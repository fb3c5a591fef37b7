/**
 * exp, tanh and sigmoid on float32 in f32x4 lanes, and the two derivative gates in f64x2 lanes, as functions of
 * the elementwise module (C = f(A), or C = gate(g in A, y in B)). Error bounds, derived in the tests opposite:
 *   exp:     exp-f32-wasm.ts's, B ulps.
 *   tanh:    |x| < ½: x + x·w, w = Σ₁⁸ cₖ·x²ᵏ (tanh's Taylor series, whose first omitted term is below 2⁻²⁹·|x|), no
 *            cancellation; |x| ≥ ½: (1 − E)/(1 + E), E = e^(−2|x|) ≤ e⁻¹, with x's sign, within (0.85·B + 3) ulps.
 *   sigmoid: E = e^(−|x|); 1/(1 + E) for x ≥ 0, E/(1 + E) below: within (1.5·B + 2) ulps (+2⁻¹⁴⁹ if subnormal).
 *   tanhBackward g·(1 − y²) and sigmoidBackward g·(s·(1 − s)) in doubles, rounded once: the JavaScript loop's bits.
 */
import { expF32x4 } from "./exp-f32-wasm.ts";
import {
  f32x4Abs, f32x4Add, f32x4Const, f32x4Div, f32x4Ge, f32x4Lt, f32x4Mul, f32x4Sub, f64x2Const, f64x2Mul, f64x2Sub,
  f32x4SignBits, get, set, tee, v128And, v128Bitselect, v128Or, v128Load, type FunctionDef,
} from "./wasm-asm.ts";
import { A, B, mapFn } from "./wasm-map.ts";
import { join, widen } from "./wasm-widen.ts";

/** Below this |x|, tanh takes its series. */
export const TANH_SERIES = 0.5;
/** tanh(x) = x + x·Σ₁⁸ cₖ·x²ᵏ + …: the Taylor coefficients c₁ … c₈ (2²ᵏ⁺²(2²ᵏ⁺² − 1)·B₂ₖ₊₂/(2k + 2)!). */
export const TANH_COEFFS: readonly number[] = [
  -1 / 3, 2 / 15, -17 / 315, 62 / 2835, -1382 / 155925, 21844 / 6081075, -929569 / 638512875, 6404582 / 10854718875,
].map(Math.fround);

/** Locals past the map's own, from `first`: x, exp's argument, E, exp's three, x². */
const slots = (first: number) => ({ x: first, a: first + 1, e: first + 2, exp: { t: first + 3, n: first + 4, r: first + 5 }, z: first + 6 });
const SCRATCH = 7;

/** C = eᴬ. */
function exp(): FunctionDef {
  return mapFn("exp", false, (i, _s, first) => {
    const l = slots(first);
    return [...get(i), ...v128Load(A), ...set(l.x), ...expF32x4(l.x, l.exp)];
  }, SCRATCH);
}

/** C = tanh A. */
function tanh(): FunctionDef {
  return mapFn("tanh", false, (i, _s, first) => {
    const l = slots(first);
    let series = [...f32x4Const(TANH_COEFFS[7])];
    for (let k = 6; k >= 0; k--) series = [...series, ...get(l.z), ...f32x4Mul, ...f32x4Const(TANH_COEFFS[k]), ...f32x4Add];
    return [
      ...get(i), ...v128Load(A), ...tee(l.x), ...get(l.x), ...f32x4Mul, ...set(l.z),
      ...get(l.x), ...get(l.x), ...series, ...get(l.z), ...f32x4Mul, ...f32x4Mul, ...f32x4Add,
      ...get(l.x), ...f32x4Abs, ...f32x4Const(-2), ...f32x4Mul, ...set(l.a),
      ...expF32x4(l.a, l.exp), ...set(l.e),
      // tanh |x| = (1 − E)/(1 + E)
      ...f32x4Const(1), ...get(l.e), ...f32x4Sub, ...f32x4Const(1), ...get(l.e), ...f32x4Add, ...f32x4Div,
      // the series where |x| < ½ (a NaN compares false and keeps the quotient's NaN)
      ...get(l.x), ...f32x4Abs, ...f32x4Const(TANH_SERIES), ...f32x4Lt, ...v128Bitselect,
      // x's sign bit: the quotient's sign, and −0 for x = −0 (where the series gives −0 + (+0) = +0)
      ...get(l.x), ...f32x4SignBits, ...v128And, ...v128Or,
    ];
  }, SCRATCH);
}

/** C = σ(A). */
function sigmoid(): FunctionDef {
  return mapFn("sigmoid", false, (i, _s, first) => {
    const l = slots(first);
    return [
      ...get(i), ...v128Load(A), ...tee(l.x), ...f32x4Abs, ...f32x4Const(-1), ...f32x4Mul, ...set(l.a),
      ...expF32x4(l.a, l.exp), ...tee(l.e), ...f32x4Const(1), ...f32x4Add, ...set(l.a),
      ...f32x4Const(1), ...get(l.a), ...f32x4Div,
      ...get(l.e), ...get(l.a), ...f32x4Div,
      // 1/(1 + E) where x ≥ 0 (−0 included), E/(1 + E) below and at NaN
      ...get(l.x), ...f32x4Const(0), ...f32x4Ge, ...v128Bitselect,
    ];
  }, SCRATCH);
}

/** C = gate(g, y) for g in A and y in B, each half in doubles by `f(g, y)` (f64x2 instructions). */
function gate(name: string, f: (g: (h: boolean) => number[], y: (h: boolean) => number[], h: boolean) => number[]): FunctionDef {
  return mapFn(name, false, (i, _s, first) => {
    const g = first, y = first + 1;
    const half = (h: boolean): number[] => f((hh) => widen(g, hh), (hh) => widen(y, hh), h);
    return [...get(i), ...v128Load(A), ...set(g), ...get(i), ...v128Load(B), ...set(y), ...join(half(false), half(true))];
  }, 2);
}

const one = f64x2Const(1);

export function activationFunctions(): FunctionDef[] {
  return [
    exp(), tanh(), sigmoid(),
    // g·(1 − y·y)
    gate("tanh_grad", (g, y, h) => [...g(h), ...one, ...y(h), ...y(h), ...f64x2Mul, ...f64x2Sub, ...f64x2Mul]),
    // g·(s·(1 − s))
    gate("sigmoid_grad", (g, s, h) => [...g(h), ...s(h), ...one, ...s(h), ...f64x2Sub, ...f64x2Mul, ...f64x2Mul]),
  ];
}
