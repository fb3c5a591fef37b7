import { ArgumentError, ShapeError } from "./errors.ts";

/** A tensor's dimensions, outermost first. `[]` is a scalar. */
export type Shape = readonly number[];

/** An axis argument: one axis, several, or `undefined` (or `[]`) for all of them. Negative axes count from the end. */
export type Axis = number | readonly number[] | undefined;

export function numel(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

/** Row-major strides in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function formatShape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}

export function checkShape(op: string, shape: unknown): Shape {
  const show = (): string =>
    Array.isArray(shape) ? `[${shape.map((d) => (typeof d === "string" ? JSON.stringify(d) : String(d))).join(", ")}]` :
      typeof shape === "string" ? JSON.stringify(shape) : String(shape);
  if (!Array.isArray(shape)) {
    throw new ArgumentError(`${op}: the shape must be an array of non-negative integers, got ${show()}`);
  }
  for (const d of shape) {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0) {
      throw new ArgumentError(`${op}: shape ${show()} must hold non-negative integers`);
    }
  }
  return shape as Shape;
}

/** NumPy broadcasting: align on the right; each pair of dimensions must be equal or one of them 1. */
export function broadcastShapes(op: string, ...shapes: Shape[]): Shape {
  let ndim = 0;
  for (const s of shapes) ndim = Math.max(ndim, s.length);
  const out = new Array<number>(ndim).fill(1);
  for (const s of shapes) {
    const off = ndim - s.length;
    for (let i = 0; i < s.length; i++) {
      const d = s[i];
      const o = out[off + i];
      if (d === o || d === 1) continue;
      if (o === 1) out[off + i] = d;
      else {
        throw new ShapeError(
          `${op}: cannot broadcast shapes ${shapes.map(formatShape).join(" and ")}: ` +
            `dimension ${i - s.length} is ${o} in one and ${d} in another; each pair must be equal or 1 ` +
            `(reshape or unsqueeze one operand)`,
        );
      }
    }
  }
  return out;
}

/** True when `from` broadcasts to `to` (NumPy rules, `to` fixed). */
export function broadcastsTo(from: Shape, to: Shape): boolean {
  if (from.length > to.length) return false;
  const off = to.length - from.length;
  for (let i = 0; i < from.length; i++) if (from[i] !== 1 && from[i] !== to[off + i]) return false;
  return true;
}

/** One axis, checked and made non-negative. A scalar accepts axis 0 and -1, as in PyTorch. */
export function normalizeAxis(op: string, axis: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (typeof axis !== "number" || !Number.isInteger(axis) || axis < -n || axis >= n) {
    throw new ShapeError(
      `${op}: axis ${axis} is out of range for a tensor of rank ${ndim} (valid: ${-n} to ${n - 1})`,
    );
  }
  return axis < 0 ? axis + n : axis;
}

/** Axes sorted ascending and unique; `undefined` and `[]` mean every axis (as PyTorch 1.13's `sum(x, [])`). */
export function normalizeAxes(op: string, axis: Axis, ndim: number): number[] {
  if (axis === undefined || (Array.isArray(axis) && axis.length === 0)) return Array.from({ length: ndim }, (_, i) => i);
  if (typeof axis !== "number" && !Array.isArray(axis)) {
    const shown = typeof axis === "string" ? JSON.stringify(axis) : String(axis);
    throw new ArgumentError(`${op}: axis must be a number, an array of them, or undefined for all; got ${shown}`);
  }
  const list = typeof axis === "number" ? [axis] : axis;
  const out = list.map((a) => normalizeAxis(op, a, ndim));
  const sorted = [...new Set(out)].sort((a, b) => a - b);
  if (sorted.length !== out.length) throw new ShapeError(`${op}: axis ${JSON.stringify(axis)} repeats an axis`);
  return sorted;
}

/** The shape after reducing `axes` (sorted), keeping them as 1 when `keepdim`. */
export function reducedShape(shape: Shape, axes: readonly number[], keepdim: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (axes.includes(i)) {
      if (keepdim) out.push(1);
    } else out.push(shape[i]);
  }
  return out;
}
