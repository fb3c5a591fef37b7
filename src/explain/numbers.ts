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
