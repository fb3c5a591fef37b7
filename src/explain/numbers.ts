/**
 * Numbers as people read them in a listing: four significant digits, exponent form only when it is shorter, and
 * one summary string per tensor ("1.128" for a scalar, "[0.1, -2, 3.5]" for a few values, "[-1.2 … 3.4] μ=0.5"
 * for more).
 */
import type { ValueSummary } from "../autograd/introspect.ts";

/** `v` with `digits` significant digits, trailing zeros dropped; exponent form below 1e-4 and from 1e6. */
export function fmt(v: number, digits = 4): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a < 1e-4 || a >= 1e6) return v.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, "e");
  const s = v.toPrecision(digits);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

/** `v` with a fixed number of decimals (for identities, where the digits line up). */
export function fixed(v: number, decimals = 4): string {
  return Number.isFinite(v) ? v.toFixed(decimals) : fmt(v);
}

/** A tensor's values in one short string. */
export function summaryText(s: ValueSummary): string {
  if (s.values !== null) {
    if (s.size === 1) return fmt(s.values[0]);
    return `[${s.values.map((v) => fmt(v, 3)).join(", ")}]`;
  }
  return `[${fmt(s.min, 3)} … ${fmt(s.max, 3)}] μ=${fmt(s.mean, 3)}`;
}

/** Up to this many elements, a drawn gradient lists every value; beyond, its mean, min and max. */
export const LISTED_VALUES = 8;

const EPS = 2 ** -52;

/**
 * `v`, or 0 when it is below the rounding error of a sum of `terms` numbers of magnitude up to `scale`
 * (terms·ε·scale): a mean of −4.6e-18 over values of size 1 is a zero that rounding left behind.
 */
export function snapZero(v: number, scale: number, terms: number): number {
  return Math.abs(v) <= terms * EPS * scale ? 0 : v;
}

/** The values of `data` in brief, every value up to LISTED_VALUES elements, the mean snapped to 0 below rounding. */
export function summarizeValues(data: ArrayLike<number>): ValueSummary {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    min = Math.min(min, data[i]);
    max = Math.max(max, data[i]);
    sum += data[i];
  }
  const n = data.length;
  const mean = n === 0 ? Number.NaN : snapZero(sum / n, Math.max(Math.abs(min), Math.abs(max)), n);
  return { size: n, min, max, mean, values: n <= LISTED_VALUES ? Array.from(data) : null };
}

/** "+0.2657", "-1", or for a larger tensor "mean +0.01 (min -0.3, max 0.4)": a signed gradient for a picture. */
export function signedText(s: ValueSummary): string {
  const one = (v: number): string => (v > 0 ? `+${fmt(v)}` : fmt(v));
  if (s.values === null) return `mean ${one(s.mean)} (min ${fmt(s.min)}, max ${fmt(s.max)})`;
  return s.size === 1 ? one(s.values[0]) : `[${s.values.map(one).join(", ")}]`;
}

/** A shape as `[4, 3]` (`[]` for a scalar). */
export function shapeText(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}

/** The Euclidean norm of the values. */
export function norm(data: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < data.length; i++) s += data[i] * data[i];
  return Math.sqrt(s);
}

/** "+ 0.3100" or "− 0.1694": a signed term of a sum, for identities written out with their numbers. */
export function signed(v: number, decimals = 4): string {
  return v < 0 ? `− ${fixed(-v, decimals)}` : `+ ${fixed(v, decimals)}`;
}

/** The width of `s` in a terminal: code points, less combining marks (the tilde of L̃). */
export function visible(s: string): number {
  return [...s.replace(/\p{M}/gu, "")].length;
}
