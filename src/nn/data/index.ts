/** Data: seeded synthetic sets, splitting, standardisation and a DataLoader (the UCI sets in data/: tapegrad/node). */
export {
  numSamples, numFeatures, subset, takeRows, type Dataset, type Split, type Task,
} from "./dataset.ts";
export { makeMoons, makeCircles, makeSpirals, makeXor, makeSine, type SyntheticOptions } from "./synthetic.ts";
export { trainTestSplit, standardize, type SplitOptions } from "./split.ts";
export { DataLoader, type Batch, type DataLoaderOptions } from "./data-loader.ts";
export { loadDataset, datasetNames, DATASETS, type DatasetTable, type LoadOptions } from "./registry.ts";
