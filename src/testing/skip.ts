/**
 * Inside a fast-check property: run a check, and when it finds the function not differentiable at the drawn
 * point (a kink or a tie), discard the draw (fc.pre) instead of failing. While shrinking this matters twice: a
 * shrunk input that lands on a kink is not a counterexample, so fast-check keeps the last real one.
 */
import fc from "fast-check";
import { NotDifferentiableError } from "../autograd/gradcheck.ts";

export function skipNonDifferentiable<T>(check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (e instanceof NotDifferentiableError) fc.pre(false);
    throw e;
  }
}
