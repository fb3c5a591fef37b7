/**
 * Noise sources: a distribution with a scale, drawing from one seeded Generator. The same seed gives the same
 * draws at every scale (a draw is scale × a unit draw), so runs that differ only in scale see matched noise.
 *   normal(s):  N(0, s²)               P(n ≤ x) = Φ(x/s)
 *   uniform(s): U(−s, s), std s/√3     P(n ≤ x) = clamp((x + s)/2s, 0, 1)
 */
import type { Storage } from "../autograd/dtype.ts";
import { ArgumentError } from "../autograd/errors.ts";
import { Generator } from "../autograd/random.ts";
import { normalCdf } from "../nn/functional/erf.ts";

export type NoiseKind = "normal" | "uniform";

export interface NoiseSource {
  readonly kind: NoiseKind;
  /** The standard deviation for "normal", the half-width for "uniform". */
  readonly scale: number;
  /** One draw. */
  sample(): number;
  /** Fills `out` with independent draws and returns it. */
  fill<S extends Storage>(out: S): S;
  /** P(n ≤ x). */
  cdf(x: number): number;
}

function generatorOf(op: string, g: Generator | number): Generator {
  if (g instanceof Generator) return g;
  if (typeof g === "number" && Number.isFinite(g)) return new Generator(g);
  throw new ArgumentError(`${op}: pass a Generator or a finite seed, got ${String(g)}`);
}

function checkScale(op: string, scale: unknown): number {
  if (typeof scale !== "number" || !Number.isFinite(scale) || scale < 0) {
    throw new ArgumentError(`${op}: scale must be a finite number ≥ 0, got ${String(scale)}`);
  }
  return scale;
}

function source(kind: NoiseKind, scale: number, unit: () => number, cdf: (x: number) => number): NoiseSource {
  return {
    kind,
    scale,
    sample: () => scale * unit(),
    fill<S extends Storage>(out: S): S {
      for (let i = 0; i < out.length; i++) out[i] = scale * unit();
      return out;
    },
    cdf,
  };
}

/** N(0, scale²) draws from `generator` (or a new Generator(seed)). */
export function normalNoise(scale: number, generator: Generator | number): NoiseSource {
  const s = checkScale("normalNoise", scale);
  const g = generatorOf("normalNoise", generator);
  const cdf = (x: number): number => (s === 0 ? (x >= 0 ? 1 : 0) : normalCdf(x / s));
  return source("normal", s, () => g.normal(), cdf);
}

/** U(−scale, scale) draws from `generator` (or a new Generator(seed)). */
export function uniformNoise(scale: number, generator: Generator | number): NoiseSource {
  const s = checkScale("uniformNoise", scale);
  const g = generatorOf("uniformNoise", generator);
  const cdf = (x: number): number => (s === 0 ? (x >= 0 ? 1 : 0) : Math.min(1, Math.max(0, (x + s) / (2 * s))));
  return source("uniform", s, () => 2 * g.uniform() - 1, cdf);
}

/** A source by name. */
export function noiseSource(kind: NoiseKind, scale: number, generator: Generator | number): NoiseSource {
  if (kind === "normal") return normalNoise(scale, generator);
  if (kind === "uniform") return uniformNoise(scale, generator);
  throw new ArgumentError(`noiseSource: unknown kind ${JSON.stringify(kind)}; use "normal" or "uniform"`);
}

/**
 * The probability that a draw makes 1 + n/L < 0 (an uphill step): P(n < −L) for L > 0, P(n > −L) for L < 0.
 * For normal noise and L > 0 this is Φ(−L/s).
 */
export function uphillProbability(noise: NoiseSource, L: number): number {
  if (L > 0) return noise.cdf(-L);
  if (L < 0) return 1 - noise.cdf(-L);
  return Number.NaN;
}
