/** Data sets by name, ready to train on: split (stratified, seeded) and standardised with the training statistics. */
import type { DType } from "../../autograd/dtype.ts";
import { ArgumentError } from "../../autograd/errors.ts";
import type { Dataset, Split } from "./dataset.ts";
import { loadBreastCancer, loadDigits, loadIris } from "./real.ts";
import { standardize, trainTestSplit } from "./split.ts";
import { makeCircles, makeMoons, makeSine, makeSpirals, makeXor } from "./synthetic.ts";

export interface LoadOptions {
  /** Seed of the synthetic samples and of the split (default 0: the fixed split). */
  seed?: number;
  testFraction?: number;
  /** Synthetic sets: number of samples and noise level. */
  n?: number;
  noise?: number;
  dtype?: DType;
  /** Standardise features with the training mean and std (default true). */
  standardize?: boolean;
}

type Maker = (o: LoadOptions) => Dataset;

export const DATASETS: Readonly<Record<string, { readonly summary: string; readonly make: Maker }>> = {
  digits: { summary: "UCI handwritten digits, 8×8 pixels, 1797 samples, 10 classes", make: (o) => loadDigits(o) },
  iris: { summary: "UCI iris, 4 features, 150 samples, 3 classes", make: (o) => loadIris(o) },
  "breast-cancer": { summary: "UCI breast cancer Wisconsin, 30 features, 569 samples, 2 classes", make: (o) => loadBreastCancer(o) },
  moons: { summary: "two interleaved half circles, 2 features, 2 classes (synthetic)", make: (o) => makeMoons(o) },
  circles: { summary: "a circle inside a circle, 2 features, 2 classes (synthetic)", make: (o) => makeCircles(o) },
  spirals: { summary: "three interleaved spiral arms, 2 features, 3 classes (synthetic)", make: (o) => makeSpirals(o) },
  xor: { summary: "the XOR quadrants, 2 features, 2 classes (synthetic)", make: (o) => makeXor(o) },
  sine: { summary: "y = sin(x) + noise, 1 feature, regression (synthetic)", make: (o) => makeSine(o) },
};

/** The names loadDataset knows. */
export function datasetNames(): string[] {
  return Object.keys(DATASETS);
}

/** A data set by name, split into train and test and standardised; an unknown name lists the known ones. */
export function loadDataset(name: string, options: LoadOptions = {}): Split {
  const entry = Object.hasOwn(DATASETS, name) ? DATASETS[name] : undefined;
  if (entry === undefined) {
    throw new ArgumentError(`unknown data set '${name}'; known: ${datasetNames().join(", ")}`);
  }
  const split = trainTestSplit(entry.make(options), { testFraction: options.testFraction, seed: options.seed });
  return options.standardize === false ? split : standardize(split);
}
