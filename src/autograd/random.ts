/**
 * A seeded, splittable random generator. The state is one 32-bit word advanced by a Weyl step and hashed on
 * output (mulberry32's mixing); `split()` derives an independent stream from this one, so that parts of a
 * program can draw numbers without disturbing each other. The same seed gives bit-identical draws.
 */
import { ArgumentError } from "./errors.ts";

export class Generator {
  private state: number;
  /** A second standard normal from the last Box–Muller pair, or NaN. */
  private spare = Number.NaN;

  constructor(readonly seed: number) {
    if (!Number.isFinite(seed)) throw new ArgumentError(`Generator: seed must be a finite number, got ${seed}`);
    this.state = hashSeed(seed);
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** An integer uniform on [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1) throw new ArgumentError(`Generator.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.uniform() * n);
  }

  /** A new generator whose stream is independent of this one's continuation. */
  split(): Generator {
    return new Generator(this.nextUint32() ^ 0x9e3779b9);
  }

  /** Fisher–Yates shuffle of 0..n-1. */
  permutation(n: number): number[] {
    if (!Number.isInteger(n) || n < 0) {
      throw new ArgumentError(`Generator.permutation: n must be a non-negative integer, got ${n}`);
    }
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}

function hashSeed(seed: number): number {
  // Fold the full double so that 1 and 1.5, or 2^32 and 0, give different streams.
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) | 0;
  let h = Math.imul(lo ^ 0x85ebca6b, 0xcc9e2d51) ^ Math.imul(hi ^ 0xc2b2ae35, 0x1b873593);
  h ^= Math.round((seed - Math.floor(seed)) * 4294967296);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** The module-level generator used when none is passed; reseed it with `manualSeed`. */
let defaultGenerator = new Generator(0);

export function manualSeed(seed: number): Generator {
  defaultGenerator = new Generator(seed);
  return defaultGenerator;
}

export function getDefaultGenerator(): Generator {
  return defaultGenerator;
}
