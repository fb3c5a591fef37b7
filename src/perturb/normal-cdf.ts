/**
 * Φ(x), the standard normal distribution function, to near float64 precision over the whole line, for the
 * predicted uphill probability Φ(−L/s). Φ(x) = erfc(−x/√2) / 2, with
 *   erfc(z) = 1 − (2/√π)·e^(−z²)·Σₖ 2ᵏ z^(2k+1) / (1·3·…·(2k+1))   for |z| < 3 (positive terms, no cancellation),
 *   erfc(z) = (e^(−z²)/√π) · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …))))   for z ≥ 3 (Lentz's continued fraction).
 */
const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

function erfcPositiveTail(z: number): number {
  // Continued fraction erfc(z)·√π·e^(z²) = 1/(z + a₁/(z + a₂/(z + …))), aₖ = k/2, evaluated by modified Lentz.
  if (z === Number.POSITIVE_INFINITY) return 0;
  const tiny = 1e-300;
  let f = z;
  let C = z;
  let D = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    D = z + a * D;
    D = D === 0 ? 1 / tiny : 1 / D;
    C = z + a / C;
    if (C === 0) C = tiny;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (Math.exp(-z * z) * ONE_OVER_SQRT_PI) / f;
}

function erfSeries(z: number): number {
  let term = z;
  let sum = z;
  for (let k = 1; k < 200; k++) {
    term *= (2 * z * z) / (2 * k + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-z * z) * sum;
}

/** erfc(z) = 1 − erf(z). */
export function erfc(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z >= 3) return erfcPositiveTail(z);
  if (z <= -3) return 2 - erfcPositiveTail(-z);
  return z >= 0 ? 1 - erfSeries(z) : 1 + erfSeries(-z);
}

/** P(Z ≤ x) for a standard normal Z. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}
