/**
 * Shapes for property tests. Every arbitrary here is built from independent integers and booleans (no `chain`),
 * so fast-check shrinks each part on its own: ranks fall, dimensions fall to 1, broadcast partners become equal.
 */
import fc from "fast-check";
import { ArgumentError } from "../autograd/errors.ts";
import type { Shape } from "../autograd/shape.ts";

export interface ShapeOptions {
  /** Default 0 (a scalar). */
  readonly minRank?: number;
  /** Default 3. */
  readonly maxRank?: number;
  /** Default 1. */
  readonly minDim?: number;
  /** Default 4. */
  readonly maxDim?: number;
}

function bounds(op: string, { minRank = 0, maxRank = 3, minDim = 1, maxDim = 4 }: ShapeOptions) {
  const ok = (n: number) => Number.isInteger(n) && n >= 0;
  if (![minRank, maxRank, minDim, maxDim].every(ok) || minRank > maxRank || minDim > maxDim) {
    throw new ArgumentError(
      `${op}: ranks and dimensions must be integers ≥ 0 with min ≤ max ` +
        `(got rank ${minRank}..${maxRank}, dim ${minDim}..${maxDim})`,
    );
  }
  return { minRank, maxRank, minDim, maxDim };
}

/** A shape, shrinking towards rank `minRank` and dimensions `minDim`. */
export function arbShape(options: ShapeOptions = {}): fc.Arbitrary<Shape> {
  const { minRank, maxRank, minDim, maxDim } = bounds("arbShape", options);
  return fc.array(fc.integer({ min: minDim, max: maxDim }), { minLength: minRank, maxLength: maxRank });
}

export interface BroadcastOptions extends ShapeOptions {
  /** How many shapes: 2 (default) or 3. */
  readonly count?: 2 | 3;
}

/** How one operand derives from the full shape: leading axes dropped, dimensions set to 1. */
export interface BroadcastMask {
  readonly drop: number;
  readonly ones: readonly boolean[];
}

/** Masks that keep the full shape three times in four, and each dimension three times in four. */
export function arbBroadcastMask(maxRank: number): fc.Arbitrary<BroadcastMask> {
  const rarely = fc.nat(3).map((k) => k === 3);
  return fc.record({
    drop: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: Math.max(maxRank, 1) }), weight: 1 }),
    ones: fc.array(rarely, { minLength: maxRank, maxLength: maxRank }),
  });
}

/** The operand's shape: `full` without its first `drop` axes (keeping at least `minRank`), masked dimensions 1. */
export function applyMask(full: Shape, { drop, ones }: BroadcastMask, minRank = 0): Shape {
  const keep = Math.max(full.length - drop, Math.min(minRank, full.length));
  const start = full.length - keep;
  return full.slice(start).map((d, i) => (ones[start + i] ? 1 : d));
}

/**
 * `count` shapes that broadcast together (NumPy rules): each is the full shape with some leading axes dropped
 * and some dimensions set to 1. Shrinks towards all shapes equal to a small full shape.
 */
export function arbBroadcastShapes(options: BroadcastOptions = {}): fc.Arbitrary<Shape[]> {
  const { minRank, maxRank, minDim, maxDim } = bounds("arbBroadcastShapes", options);
  const count = options.count ?? 2;
  if (count !== 2 && count !== 3) throw new ArgumentError(`arbBroadcastShapes: count must be 2 or 3, got ${count}`);
  return fc
    .tuple(arbShape({ minRank, maxRank, minDim, maxDim }), fc.array(arbBroadcastMask(maxRank), { minLength: count, maxLength: count }))
    .map(([full, masks]) => masks.map((m) => applyMask(full, m, minRank)));
}
