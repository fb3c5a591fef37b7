/**
 * How each run of the sweep trains: the data set, the model, epochs and batch size, and a learning rate per
 * optimizer. The defaults are sized so that the default grid (465 runs on digits) finishes within 5 minutes on
 * two cores; `runSweep` takes any of them.
 */
import { ArgumentError } from "../../autograd/errors.ts";
import { DATASETS } from "../../nn/data/bundled.ts";
import { datasetNames } from "../../nn/data/registry.ts";
import { ACTIVATIONS } from "../../nn/layers/activations.ts";
import type { OptimizerName } from "./grid.ts";

export interface RunConfig {
  /** A data set name of nn's loadDataset (classification). */
  readonly data: string;
  /** Hidden layer widths of the MLP. */
  readonly hidden: readonly number[];
  readonly activation: string;
  readonly epochs: number;
  readonly batchSize: number;
  /** Learning rate per optimizer ("momentum" is SGD with momentum 0.9). */
  readonly lr: Readonly<Record<OptimizerName, number>>;
  /** Train on the first this-many training samples only (all when absent). */
  readonly trainLimit?: number;
}

export const DEFAULT_RUN: RunConfig = {
  data: "digits",
  hidden: [32],
  activation: "relu",
  epochs: 8,
  batchSize: 32,
  lr: { sgd: 0.1, momentum: 0.02, adam: 0.003 },
};

/** Checks every field up front, so that a bad name fails before any thread starts. */
export function checkRunConfig(c: RunConfig): RunConfig {
  if (!datasetNames(DATASETS).includes(c.data)) {
    throw new ArgumentError(`sweep: unknown data set '${c.data}'; known: ${datasetNames(DATASETS).join(", ")}`);
  }
  if (!Object.hasOwn(ACTIVATIONS, c.activation)) {
    throw new ArgumentError(`sweep: unknown activation '${c.activation}'; known: ${Object.keys(ACTIVATIONS).join(", ")}`);
  }
  const positiveInt = (what: string, v: number): void => {
    if (!Number.isInteger(v) || v < 1) throw new ArgumentError(`sweep: ${what} must be a positive integer, got ${v}`);
  };
  positiveInt("epochs", c.epochs);
  positiveInt("batchSize", c.batchSize);
  c.hidden.forEach((h) => positiveInt("every hidden width", h));
  if (c.trainLimit !== undefined) positiveInt("trainLimit", c.trainLimit);
  for (const [name, lr] of Object.entries(c.lr)) {
    if (!(lr > 0) || !Number.isFinite(lr)) throw new ArgumentError(`sweep: the ${name} learning rate must be > 0, got ${lr}`);
  }
  return c;
}

/** The defaults completed by `run` and checked, with the fields always in one order (table.json is compared bytewise). */
export function resolveRun(run: Partial<RunConfig> = {}): RunConfig {
  return checkRunConfig({ ...DEFAULT_RUN, ...run, lr: { ...DEFAULT_RUN.lr, ...run.lr } });
}
