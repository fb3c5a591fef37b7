/** Data: seeded synthetic sets, the UCI sets in data/, splitting, standardisation and a DataLoader. */
export {
  numSamples, numFeatures, subset, takeRows, type Dataset, type Split, type Task,
} from "./dataset.ts";
export { makeMoons, makeCircles, makeSpirals, makeXor, makeSine, type SyntheticOptions } from "./synthetic.ts";
export { loadDigits, loadIris, loadBreastCancer, type RealOptions } from "./real.ts";
export { trainTestSplit, standardize, type SplitOptions } from "./split.ts";
export { DataLoader, type Batch, type DataLoaderOptions } from "./data-loader.ts";
export { loadDataset, datasetNames, DATASETS, type LoadOptions } from "./registry.ts";
