/**
 * `toString()` in PyTorch's manner: values with a shared width and precision, then what matters for autodiff
 * (shape, dtype when not float64, requiresGrad or the op that made it). Large tensors are summarised with `...`.
 */
import type { Tensor } from "./tensor.ts";

const THRESHOLD = 1000;
const EDGE = 3;

function formatter(values: ArrayLike<number>): (v: number) => string {
  let integral = true;
  let maxAbs = 0;
  let minAbs = Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (!Number.isInteger(v)) integral = false;
    const a = Math.abs(v);
    maxAbs = Math.max(maxAbs, a);
    if (a > 0) minAbs = Math.min(minAbs, a);
  }
  const special = (v: number): string | null =>
    Number.isNaN(v) ? "nan" : v === Infinity ? "inf" : v === -Infinity ? "-inf" : null;
  if (integral && maxAbs < 1e8) return (v) => special(v) ?? `${v}.`;
  if (maxAbs >= 1e8 || (minAbs < 1e-4 && minAbs !== Infinity)) return (v) => special(v) ?? v.toExponential(4);
  return (v) => special(v) ?? v.toFixed(4);
}

export function formatTensor(t: Tensor): string {
  const summarise = t.size > THRESHOLD;
  const fmt = formatter(t.data);
  const cells: string[] = [];
  for (let i = 0; i < t.data.length; i++) cells.push(fmt(t.data[i]));
  const width = cells.reduce((w, c) => Math.max(w, c.length), 0);
  const pad = (s: string) => s.padStart(width);
  const indent = "tensor(".length;
  const strides: number[] = [];
  let s = 1;
  for (let d = t.shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= t.shape[d];
  }
  const build = (dim: number, offset: number): string => {
    if (dim === t.shape.length) return pad(cells[offset]);
    const n = t.shape[dim];
    const idx =
      summarise && n > 2 * EDGE
        ? [...Array.from({ length: EDGE }, (_, i) => i), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)]
        : Array.from({ length: n }, (_, i) => i);
    const parts = idx.map((i) => (i < 0 ? "..." : build(dim + 1, offset + i * strides[dim])));
    const depth = t.shape.length - dim - 1;
    const sep = depth === 0 ? ", " : "," + "\n".repeat(depth) + " ".repeat(indent + dim + 1);
    return `[${parts.join(sep)}]`;
  };
  const body = t.shape.length === 0 ? cells[0] : build(0, 0);
  const extras: string[] = [];
  if (t.shape.length >= 2 || summarise) extras.push(`shape=[${t.shape.join(", ")}]`);
  if (t.dtype !== "float64") extras.push(`dtype=${t.dtype}`);
  if (t.gradFn !== null) extras.push(`gradFn=<${t.gradFn}>`);
  else if (t.requiresGrad) extras.push("requiresGrad=true");
  return `tensor(${body}${extras.map((e) => ", " + e).join("")})`;
}
