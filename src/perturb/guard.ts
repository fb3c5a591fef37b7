/**
 * What `fac = n / L` does when L cannot divide: the loss is 0 (fac is undefined) or not finite (fac is 0 or NaN,
 * and the perturbed loss is meaningless). By default that is an error; a guard option says what to do instead.
 *
 * NOTE: negative losses are fine. fac = n / L then has the sign opposite to n, and the step goes uphill when
 * 1 + n/L < 0, that is when n > |L| (where a positive loss needs n < −L).
 */
import { AnomalyError, ArgumentError } from "../autograd/errors.ts";

/**
 * - `"throw"` (default): an AnomalyError for a zero or non-finite loss.
 * - `"skip"`: no perturbation for that loss (the clean loss, factor 1).
 * - `"clamp"`: divide by sign(L)·max(|L|, floor) instead of L, which bounds |fac| by |n| / floor; a non-finite
 *   loss still throws, since no floor makes it meaningful.
 */
export type Guard = "throw" | "skip" | "clamp";

export interface GuardOptions {
  readonly guard?: Guard;
  /** The smallest |L| that "clamp" divides by (default 1e-8). */
  readonly floor?: number;
}

const DEFAULT_FLOOR = 1e-8;

/** The denominator to use for the loss value `L`: L itself, a clamped constant, or null to skip. */
export function denominator(op: string, L: number, options: GuardOptions, which = "the loss"): number | null {
  const guard = options.guard ?? "throw";
  if (guard !== "throw" && guard !== "skip" && guard !== "clamp") {
    throw new ArgumentError(`${op}: unknown guard ${JSON.stringify(guard)}; use "throw", "skip" or "clamp"`);
  }
  const floor = options.floor ?? DEFAULT_FLOOR;
  if (!(floor > 0) || !Number.isFinite(floor)) {
    throw new ArgumentError(`${op}: floor must be a finite positive number, got ${floor}`);
  }
  if (!Number.isFinite(L)) {
    if (guard === "skip") return null;
    throw new AnomalyError(
      `${op}: ${which} is ${L}, so the factor 1 + n/L is meaningless; fix the loss (detectAnomaly finds where ` +
        `it went non-finite), or pass { guard: "skip" } to leave such losses unperturbed`,
    );
  }
  if (guard === "clamp" && Math.abs(L) < floor) return L < 0 ? -floor : floor;
  if (L === 0) {
    if (guard === "skip") return null;
    throw new AnomalyError(
      `${op}: ${which} is 0, so fac = n / L is undefined (L/sg(L) is 0/0); pass { guard: "skip" } to leave a ` +
        `zero loss unperturbed, or { guard: "clamp", floor } to divide by a floor instead`,
    );
  }
  return L;
}

/** Checks a noise draw. */
export function checkDraw(op: string, n: unknown, which = "n"): number {
  if (typeof n !== "number" || !Number.isFinite(n)) {
    throw new ArgumentError(`${op}: ${which} must be a finite number, got ${String(n)}`);
  }
  return n;
}
