/** Every data set by name for tapegrad/node: the UCI sets bundled in data/ (read from files), then the synthetic ones. */
import type { Split } from "./dataset.ts";
import { loadBreastCancer, loadDigits, loadIris } from "./real.ts";
import { DATASETS as SYNTHETIC, loadFrom, type DatasetTable, type LoadOptions } from "./registry.ts";

export const DATASETS: DatasetTable = {
  digits: { summary: "UCI handwritten digits, 8×8 pixels, 1797 samples, 10 classes", make: (o) => loadDigits(o) },
  iris: { summary: "UCI iris, 4 features, 150 samples, 3 classes", make: (o) => loadIris(o) },
  "breast-cancer": { summary: "UCI breast cancer Wisconsin, 30 features, 569 samples, 2 classes", make: (o) => loadBreastCancer(o) },
  ...SYNTHETIC,
};

/** A data set by name (real or synthetic), split into train and test and standardised. */
export function loadDataset(name: string, options: LoadOptions = {}): Split {
  return loadFrom(DATASETS, name, options);
}
