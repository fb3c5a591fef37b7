/**
 * Data sets by name, ready to train on: split (stratified, seeded) and standardised with the training statistics.
 * The synthetic sets are made here and load anywhere; the real ones are files, so bundled.ts (tapegrad/node) adds
 * them to the table.
 */
import type { DType } from "../../autograd/dtype.ts";
import { ArgumentError } from "../../autograd/errors.ts";
import type { Dataset, Split } from "./dataset.ts";
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

export type DatasetTable = Readonly<Record<string, { readonly summary: string; readonly make: (o: LoadOptions) => Dataset }>>;

/** The real data sets that tapegrad/node reads from its data/ folder, named here so that the error can say so. */
export const BUNDLED_NAMES: readonly string[] = ["digits", "iris", "breast-cancer"];

/** The seeded synthetic sets. */
export const DATASETS: DatasetTable = {
  moons: { summary: "two interleaved half circles, 2 features, 2 classes (synthetic)", make: (o) => makeMoons(o) },
  circles: { summary: "a circle inside a circle, 2 features, 2 classes (synthetic)", make: (o) => makeCircles(o) },
  spirals: { summary: "three interleaved spiral arms, 2 features, 3 classes (synthetic)", make: (o) => makeSpirals(o) },
  xor: { summary: "the XOR quadrants, 2 features, 2 classes (synthetic)", make: (o) => makeXor(o) },
  sine: { summary: "y = sin(x) + noise, 1 feature, regression (synthetic)", make: (o) => makeSine(o) },
};

/** The names a table knows (by default the synthetic sets, which loadDataset of this entry knows). */
export function datasetNames(table: DatasetTable = DATASETS): string[] {
  return Object.keys(table);
}

/** A data set of `table` by name, split and standardised; an unknown name lists the known ones. */
export function loadFrom(table: DatasetTable, name: string, options: LoadOptions = {}): Split {
  const entry = Object.hasOwn(table, name) ? table[name] : undefined;
  if (entry === undefined) {
    const file = BUNDLED_NAMES.includes(name) ? `; '${name}' is read from a file: load it with loadDataset from "tapegrad/node"` : "";
    throw new ArgumentError(`unknown data set '${name}'; known: ${datasetNames(table).join(", ")}${file}`);
  }
  const split = trainTestSplit(entry.make(options), { testFraction: options.testFraction, seed: options.seed });
  return options.standardize === false ? split : standardize(split);
}

/** A synthetic data set by name, split into train and test and standardised. */
export function loadDataset(name: string, options: LoadOptions = {}): Split {
  return loadFrom(DATASETS, name, options);
}
