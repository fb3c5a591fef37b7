/**
 * Every error the engine throws is one of these classes. Messages name the op, the shapes or dtypes involved,
 * and the remedy, so that a user can fix the call without reading the engine.
 */
export class TapegradError extends Error {
  override name = "TapegradError";
}

/** Shapes that do not fit the op: broadcasting, inner dimensions, reshape sizes, axes. */
export class ShapeError extends TapegradError {
  override name = "ShapeError";
}

/** A dtype the op cannot take. */
export class DTypeError extends TapegradError {
  override name = "DTypeError";
}

/** An argument that is not a tensor, not a number, out of range, or otherwise malformed. */
export class ArgumentError extends TapegradError {
  override name = "ArgumentError";
}

/** Misuse of backward or grad: non-scalar output without gradOutput, freed graph, in-place change, no grad. */
export class GradError extends TapegradError {
  override name = "GradError";
}

/** A NaN or infinity produced during backward under detectAnomaly, or a value that makes an op meaningless. */
export class AnomalyError extends TapegradError {
  override name = "AnomalyError";
}

/** The use of a tensor whose storage a `tidy` released when it returned. */
export class ReleasedError extends TapegradError {
  override name = "ReleasedError";
}
