/**
 * Seeded synthetic data sets, each from its own Generator(seed), so the same options give the same samples:
 *   moons    two interleaved half circles (scikit-learn's make_moons), 2 classes
 *   circles  a circle inside another (make_circles, radius ratio `factor`), 2 classes
 *   spirals  `classes` interleaved spiral arms (r from 0 to 1, angle 4k..4(k+1) rad plus noise), as in CS231n
 *   xor      uniform points in [−1, 1]², class 1 where x₁·x₂ < 0, then Gaussian jitter
 *   sine     x ~ U(−π, π), y = sin x + noise: regression, targets [n, 1]
 * Samples come out shuffled.
 */
import { allocateOwned, type DType } from "../../autograd/dtype.ts";
import { ArgumentError } from "../../autograd/errors.ts";
import { Generator } from "../../autograd/random.ts";
import { Tensor } from "../../autograd/tensor.ts";
import { subset, type Dataset } from "./dataset.ts";

export interface SyntheticOptions {
  /** Number of samples (default 1000; spirals: 300 per class). */
  n?: number;
  /** Standard deviation of the Gaussian noise. */
  noise?: number;
  seed?: number;
  dtype?: DType;
}

interface Raw {
  xs: number[];
  ys: number[];
}

function build(name: string, raw: Raw, numClasses: number, g: Generator, dtype: DType, regression = false): Dataset {
  const n = raw.ys.length;
  const f = raw.xs.length / n;
  const x = allocateOwned(dtype, raw.xs.length);
  x.set(raw.xs);
  let y: Int32Array | Tensor;
  if (regression) {
    const t = allocateOwned(dtype, n);
    t.set(raw.ys);
    y = new Tensor(t, [n, 1]);
  } else y = Int32Array.from(raw.ys);
  const d: Dataset = { name, task: regression ? "regression" : "classification", x: new Tensor(x, [n, f]), y, numClasses };
  return subset(d, g.permutation(n));
}

/** Samples are built in plain arrays first: 10^7 two-feature samples are a few hundred MB, more aborts V8. */
const MAX_SAMPLES = 10_000_000;

function count(fn: string, n: unknown, fallback: number): number {
  const v = n ?? fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 2 || v > MAX_SAMPLES) {
    throw new ArgumentError(`${fn}: n must be an integer from 2 to ${MAX_SAMPLES}, got ${String(v)}`);
  }
  return v;
}

export function makeMoons(options: SyntheticOptions = {}): Dataset {
  const n = count("makeMoons", options.n, 1000);
  const noise = options.noise ?? 0.1;
  const g = new Generator(options.seed ?? 0);
  const raw: Raw = { xs: [], ys: [] };
  const outer = Math.floor(n / 2);
  const inner = n - outer;
  for (let i = 0; i < outer; i++) {
    const t = (Math.PI * i) / Math.max(outer - 1, 1);
    raw.xs.push(Math.cos(t) + noise * g.normal(), Math.sin(t) + noise * g.normal());
    raw.ys.push(0);
  }
  for (let i = 0; i < inner; i++) {
    const t = (Math.PI * i) / Math.max(inner - 1, 1);
    raw.xs.push(1 - Math.cos(t) + noise * g.normal(), 1 - Math.sin(t) - 0.5 + noise * g.normal());
    raw.ys.push(1);
  }
  return build("moons", raw, 2, g, options.dtype ?? "float64");
}

export function makeCircles(options: SyntheticOptions & { factor?: number } = {}): Dataset {
  const n = count("makeCircles", options.n, 1000);
  const noise = options.noise ?? 0.05;
  const factor = options.factor ?? 0.5;
  if (!(factor > 0 && factor < 1)) throw new ArgumentError(`makeCircles: factor must be in (0, 1), got ${factor}`);
  const g = new Generator(options.seed ?? 0);
  const raw: Raw = { xs: [], ys: [] };
  const outer = Math.floor(n / 2);
  for (let i = 0; i < n; i++) {
    const isOuter = i < outer;
    const m = isOuter ? outer : n - outer;
    const t = (2 * Math.PI * (isOuter ? i : i - outer)) / m;
    const r = isOuter ? 1 : factor;
    raw.xs.push(r * Math.cos(t) + noise * g.normal(), r * Math.sin(t) + noise * g.normal());
    raw.ys.push(isOuter ? 0 : 1);
  }
  return build("circles", raw, 2, g, options.dtype ?? "float64");
}

export function makeSpirals(options: SyntheticOptions & { classes?: number } = {}): Dataset {
  const classes = options.classes ?? 3;
  if (!Number.isInteger(classes) || classes < 2) throw new ArgumentError(`makeSpirals: classes must be an integer ≥ 2`);
  const n = count("makeSpirals", options.n, 300 * classes);
  const noise = options.noise ?? 0.1;
  const g = new Generator(options.seed ?? 0);
  const raw: Raw = { xs: [], ys: [] };
  const per = Math.floor(n / classes);
  for (let k = 0; k < classes; k++) {
    const m = k === classes - 1 ? n - per * (classes - 1) : per;
    for (let i = 0; i < m; i++) {
      const u = i / Math.max(m - 1, 1);
      const t = 4 * (k + u) + noise * g.normal();
      raw.xs.push(u * Math.sin(t), u * Math.cos(t));
      raw.ys.push(k);
    }
  }
  return build("spirals", raw, classes, g, options.dtype ?? "float64");
}

export function makeXor(options: SyntheticOptions = {}): Dataset {
  const n = count("makeXor", options.n, 1000);
  const noise = options.noise ?? 0.05;
  const g = new Generator(options.seed ?? 0);
  const raw: Raw = { xs: [], ys: [] };
  for (let i = 0; i < n; i++) {
    const a = 2 * g.uniform() - 1;
    const b = 2 * g.uniform() - 1;
    raw.xs.push(a + noise * g.normal(), b + noise * g.normal());
    raw.ys.push(a * b < 0 ? 1 : 0);
  }
  return build("xor", raw, 2, g, options.dtype ?? "float64");
}

export function makeSine(options: SyntheticOptions = {}): Dataset {
  const n = count("makeSine", options.n, 1000);
  const noise = options.noise ?? 0.1;
  const g = new Generator(options.seed ?? 0);
  const raw: Raw = { xs: [], ys: [] };
  for (let i = 0; i < n; i++) {
    const x = Math.PI * (2 * g.uniform() - 1);
    raw.xs.push(x);
    raw.ys.push(Math.sin(x) + noise * g.normal());
  }
  return build("sine", raw, 0, g, options.dtype ?? "float64", true);
}
