/**
 * When a backward derivative disagrees with a central difference: is the rule wrong, or is the function not
 * differentiable at the point (a kink, a tie of max)? Look along the same direction with smaller steps.
 *
 * For φ(s) = the checked output along the checked direction, the one-sided slopes (φ(h) − φ(0))/h and
 * (φ(0) − φ(−h))/h differ by about h·|φ''| where φ is smooth, a gap that shrinks with h; at a kink they differ by
 * the jump in slope, which does not. So, at steps h/10 and h/100:
 *   - if the central difference now agrees with the derivative, the first step straddled a nearby kink: pass
 *     (for a smooth φ the central differences at h and h/10 agree to O(h²), so a wrong rule cannot pass this way);
 *   - if at h/100 the gap is still above the tolerance, above a tenth of its size at h, and above rounding noise,
 *     φ has a kink at the point: not differentiable there, no verdict on the rule;
 *   - if φ(h/100) − φ(−h/100) is still above a tenth of φ(h) − φ(−h) (for a smooth φ it shrinks a hundredfold),
 *     φ jumps at the point (the derivative of a piecewise-constant function, such as abs' at 0 under
 *     gradgradcheck): not differentiable either;
 *   - otherwise the rule is wrong.
 */

export type Verdict =
  | { readonly kind: "pass" }
  | { readonly kind: "fail" }
  /** Slopes just left and right of the point, at the smallest step. */
  | { readonly kind: "kink"; readonly left: number; readonly right: number }
  /** Values just left and right of the point, at the smallest step. */
  | { readonly kind: "jump"; readonly left: number; readonly right: number };

/** Classifies a mismatch between `derivative` and the central difference of `phi` at step `eps`. */
export function probe(phi: (s: number) => number, derivative: number, eps: number, atol: number, rtol: number): Verdict {
  const f0 = phi(0);
  const gapAt = (h: number) => {
    const fp = phi(h);
    const fm = phi(-h);
    const right = (fp - f0) / h;
    const left = (f0 - fm) / h;
    // Rounding: each φ carries a relative error of a few 2⁻⁵³, divided by h in a slope.
    const noise = (8 * 2 ** -53 * (Math.abs(f0) + Math.abs(fp) + Math.abs(fm))) / h;
    const jumpNoise = 8 * 2 ** -53 * (Math.abs(f0) + Math.abs(fp) + Math.abs(fm));
    return { left, right, fp, fm, central: (fp - fm) / (2 * h), gap: Math.abs(right - left), noise, jumpNoise };
  };
  const first = gapAt(eps);
  let last = first;
  for (const h of [eps / 10, eps / 100]) {
    last = gapAt(h);
    if (Math.abs(derivative - last.central) <= atol + rtol * Math.abs(last.central)) return { kind: "pass" };
  }
  const tol = atol + rtol * Math.max(Math.abs(last.left), Math.abs(last.right));
  if (last.gap > tol && last.gap > 0.1 * first.gap && last.gap > 10 * last.noise) {
    return { kind: "kink", left: last.left, right: last.right };
  }
  const jump = Math.abs(last.fp - last.fm);
  if (jump > 0.1 * Math.abs(first.fp - first.fm) && jump > 10 * last.jumpNoise) {
    return { kind: "jump", left: last.fm, right: last.fp };
  }
  return { kind: "fail" };
}
