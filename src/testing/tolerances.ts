/**
 * Default tolerances of the checks, and where they come from. An element passes when
 * |actual − expected| ≤ atol + rtol·|expected|.
 *
 * Comparing two computations of the same math (a rule against its composed reference, float32 against float64):
 * each result carries about k·u of relative error, k the number of roundings on its path (tens for the ops here)
 * times the condition number of the math, u the unit roundoff. A wrong rule is off by O(1) relative.
 *   float64: u = 2⁻⁵³ ≈ 1.1e-16. rtol 1e-7 leaves a factor 10⁹ for k·cond and still sits seven orders of magnitude
 *            below a real error.
 *   float32: u = 2⁻²⁴ ≈ 6.0e-8. rtol 1e-4 (≈ 1700 u) covers k·cond up to about a thousand; a composition that
 *            cancels more than that needs an explicit atol scaled to its terms.
 * Finite differences (gradcheck, gradgradcheck, checkVjp) run in float64 only: a central difference at step ε
 * has error ε²·f‴/6 + u·|f|/ε, smallest near ε = u^⅓; PyTorch's ε = 1e-6 with atol 1e-5, rtol 1e-3 is far inside
 * that for functions of moderate size. In float32 the same best case is u^⅔ ≈ 1.5e-5 relative, so a float32 rule
 * is checked in two steps instead: its float64 twin by finite differences, then the float32 run against the
 * float64 run with FLOAT32_TOLERANCE (`checkAgainstReference(op, op, float32Inputs)` does the second step).
 */

export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

export const FLOAT64_TOLERANCE: Tolerance = { rtol: 1e-7, atol: 1e-10 };

export const FLOAT32_TOLERANCE: Tolerance = { rtol: 1e-4, atol: 1e-6 };

/** PyTorch's gradcheck defaults, which the engine's checks use. */
export const FINITE_DIFFERENCE_TOLERANCE: Tolerance & { readonly eps: number } = { eps: 1e-6, rtol: 1e-3, atol: 1e-5 };
