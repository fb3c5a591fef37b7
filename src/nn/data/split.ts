/** A deterministic train/test split (stratified by class), and standardisation fitted on the training part. */
import { allocateOwned } from "../../autograd/dtype.ts";
import { ArgumentError } from "../../autograd/errors.ts";
import { Generator } from "../../autograd/random.ts";
import { Tensor } from "../../autograd/tensor.ts";
import { checkDataset, numSamples, subset, type Dataset, type Split } from "./dataset.ts";

export interface SplitOptions {
  /** The share of samples held out for testing (default 0.2). */
  testFraction?: number;
  seed?: number;
}

/**
 * Holds out round(testFraction · count) samples of every class (of the whole set, for regression), chosen by a
 * seeded permutation; both parts keep the original order, so the split depends only on the data and the seed.
 */
export function trainTestSplit(data: Dataset, options: SplitOptions = {}): Split {
  checkDataset("trainTestSplit", data);
  const frac = options.testFraction ?? 0.2;
  if (typeof frac !== "number" || !(frac > 0 && frac < 1)) {
    throw new ArgumentError(`trainTestSplit: testFraction must be in (0, 1), got ${frac}`);
  }
  const g = new Generator(options.seed ?? 0);
  const n = numSamples(data);
  const groups: number[][] = [];
  if (data.y instanceof Int32Array) {
    for (let i = 0; i < n; i++) (groups[data.y[i]] ??= []).push(i);
  } else groups.push(Array.from({ length: n }, (_, i) => i));
  const isTest = new Uint8Array(n);
  for (const members of groups) {
    if (members === undefined) continue;
    const order = g.permutation(members.length);
    const k = Math.round(frac * members.length);
    for (let j = 0; j < k; j++) isTest[members[order[j]]] = 1;
  }
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < n; i++) (isTest[i] ? test : train).push(i);
  return { train: subset(data, train), test: subset(data, test) };
}

/** (x − mean)/std per feature, with mean and std (population) from train; a constant feature keeps std 1. */
export function standardize(split: Split): Split {
  const { train, test } = split;
  const [n, f] = train.x.shape;
  const mean = new Float64Array(f);
  const std = new Float64Array(f);
  const x = train.x.data;
  for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) mean[j] += x[i * f + j];
  for (let j = 0; j < f; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) for (let j = 0; j < f; j++) std[j] += (x[i * f + j] - mean[j]) ** 2;
  for (let j = 0; j < f; j++) std[j] = std[j] > 0 ? Math.sqrt(std[j] / n) : 1;
  const apply = (t: Tensor): Tensor => {
    const out = allocateOwned(t.dtype, t.size);
    for (let i = 0; i < t.shape[0]; i++) for (let j = 0; j < f; j++) out[i * f + j] = (t.data[i * f + j] - mean[j]) / std[j];
    return new Tensor(out, t.shape);
  };
  return { train: { ...train, x: apply(train.x) }, test: { ...test, x: apply(test.x) }, mean, std };
}
