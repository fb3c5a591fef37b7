/**
 * `toString()` in PyTorch's manner: values with a shared width and precision, then what matters for autodiff
 * (shape, dtype when not float64, requiresGrad or the op that made it). Large tensors are summarised with `...`.
 */
import type { NestedArray, Tensor } from "./tensor-base.ts";

const THRESHOLD = 1000;
const EDGE = 3;

/** Python's `{:.Nf}`: like toFixed, but keeping the sign of −0. */
function fixed(v: number, digits: number): string {
  return (Object.is(v, -0) ? "-" : "") + v.toFixed(digits);
}

/** Python's `{:.4e}`: like toExponential(4), with a signed two-digit exponent (1.0000e-05) and −0 kept. */
function exponential(v: number): string {
  const s = (Object.is(v, -0) ? "-" : "") + v.toExponential(4);
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

/**
 * PyTorch's float formatter: from the nonzero finite values, integer mode (`3.`) when all are whole, fixed with
 * four decimals otherwise, and scientific (`1.0000e-05`) when max/min > 1000 or max > 1e8 (or, for non-integers,
 * min < 1e-4).
 */
function formatter(values: ArrayLike<number>): (v: number) => string {
  let integral = true;
  let maxAbs = 0;
  let minAbs = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || v === 0) continue;
    if (!Number.isInteger(v)) integral = false;
    const a = Math.abs(v);
    maxAbs = Math.max(maxAbs, a);
    minAbs = Math.min(minAbs, a);
  }
  const special = (v: number): string | null =>
    Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : null;
  const any = minAbs !== Infinity;
  const sci = any && (maxAbs / minAbs > 1000 || maxAbs > 1e8 || (!integral && minAbs < 1e-4));
  if (sci) return (v) => special(v) ?? exponential(v);
  if (integral) return (v) => special(v) ?? `${fixed(v, 0)}.`;
  return (v) => special(v) ?? fixed(v, 4);
}

export function formatTensor(t: Tensor): string {
  const summarise = t.size > THRESHOLD;
  const indent = "tensor(".length;
  const strides: number[] = [];
  let s = 1;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= t.shape[d];
  }
  // The text of the shown elements, nested as the shape; `cell` renders the element at a flat offset.
  const build = (dim: number, offset: number, cell: (offset: number) => string): string => {
    if (dim === t.shape.length) return cell(offset);
    const n = t.shape[dim];
    const idx =
      summarise && n > 2 * EDGE
        ? [...Array.from({ length: EDGE }, (_, i) => i), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)]
        : Array.from({ length: n }, (_, i) => i);
    const depth = t.shape.length - dim - 1;
    // NOTE: PyTorch writes the ellipsis in a row as " ..." (so ",  ..., "), and on a line of its own as "...".
    const parts = idx.map((i) =>
      i < 0 ? (depth === 0 ? " ..." : "...") : build(dim + 1, offset + i * strides[dim], cell),
    );
    const sep = depth === 0 ? ", " : "," + "\n".repeat(depth) + " ".repeat(indent + dim + 1);
    return `[${parts.join(sep)}]`;
  };
  // As PyTorch does, the format and the width come from the elements shown, not from those summarised away.
  const shown: number[] = [];
  build(0, 0, (o) => (shown.push(t.data[o]), ""));
  const fmt = formatter(shown);
  const width = shown.reduce((w, v) => Math.max(w, fmt(v).length), 0);
  const body = build(0, 0, (o) => fmt(t.data[o]).padStart(width));
  const extras: string[] = [];
  if (t.shape.length >= 2 || summarise) extras.push(`shape=[${t.shape.join(", ")}]`);
  if (t.dtype !== "float64") extras.push(`dtype=${t.dtype}`);
  if (t.gradFn !== null) extras.push(`gradFn=<${t.gradFn}>`);
  else if (t.requiresGrad) extras.push("requiresGrad=true");
  return `tensor(${body}${extras.map((e) => ", " + e).join("")})`;
}

/** The values as nested arrays, outermost dimension first (a number for a scalar). */
export function nestedValues(t: Tensor): NestedArray {
  const build = (dim: number, offset: number): NestedArray => {
    if (dim === t.shape.length) return t.data[offset];
    const stride = t.shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: t.shape[dim] }, (_, i) => build(dim + 1, offset + i * stride));
  };
  return build(0, 0);
}
