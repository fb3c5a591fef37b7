/**
 * The options that define a sweep (its grid and how each run trains), shared by `tapegrad sweep` and
 * `tapegrad sweep merge`, which must name the same configuration to check the shards' fingerprints.
 */
import { mkdirSync, statSync } from "node:fs";
import { fsReason } from "../../fs/safe-write.ts";
import { DATASETS } from "../../nn/data/bundled.ts";
import { datasetNames } from "../../nn/data/registry.ts";
import { DEFAULT_RUN, type RunConfig } from "../../perturb/sweep/config.ts";
import { DEFAULT_SCALES, OPTIMIZERS, SWEEP_KINDS, type Grid, type OptimizerName, type SweepKind } from "../../perturb/sweep/grid.ts";
import { UsageError, type Options, type Value } from "../args.ts";

export const SWEEP_OPTIONS: Options = {
  data: { type: "string", help: `data set (${datasetNames(DATASETS).join(", ")})`, default: DEFAULT_RUN.data },
  kinds: { type: "list", help: "noise kinds", default: SWEEP_KINDS },
  scales: { type: "numbers", help: "noise scales s (std of the noise)", default: DEFAULT_SCALES, min: 0 },
  optimizers: { type: "list", help: "optimizers (sgd, momentum, adam)", default: OPTIMIZERS },
  seeds: { type: "int", help: "seeds per grid point (0, 1, …)", default: 5, min: 1 },
  epochs: { type: "int", help: "epochs per run", default: DEFAULT_RUN.epochs, min: 1 },
  "batch-size": { type: "int", help: "batch size", default: DEFAULT_RUN.batchSize, min: 1 },
  hidden: { type: "numbers", help: "hidden layer widths", default: DEFAULT_RUN.hidden, min: 1, max: 65536 },
  act: { type: "string", help: "activation", default: DEFAULT_RUN.activation },
  "lr-sgd": { type: "number", help: "learning rate of SGD", default: DEFAULT_RUN.lr.sgd, above: 0 },
  "lr-momentum": { type: "number", help: "learning rate of SGD with momentum 0.9", default: DEFAULT_RUN.lr.momentum, above: 0 },
  "lr-adam": { type: "number", help: "learning rate of Adam", default: DEFAULT_RUN.lr.adam, above: 0 },
  "train-limit": { type: "int", help: "train on the first N training samples only", min: 1 },
};

function pick<T extends string>(option: string, values: readonly string[], known: readonly T[]): T[] {
  for (const v of values) {
    if (!(known as readonly string[]).includes(v)) {
      throw new UsageError(`--${option}: unknown value '${v}'; choose from ${known.join(", ")}`);
    }
  }
  return values as T[];
}

/** The grid and run configuration the options name; every name checked, as usage errors naming the flag. */
export function sweepConfig(v: Readonly<Record<string, Value>>): { grid: Grid; run: RunConfig } {
  const data = v.data as string;
  if (!datasetNames(DATASETS).includes(data)) {
    throw new UsageError(`--data: unknown data set '${data}'; choose one of: ${datasetNames(DATASETS).join(", ")}`);
  }
  const hidden = v.hidden as number[];
  if (hidden.some((h) => !Number.isInteger(h))) throw new UsageError(`--hidden: widths must be integers, got ${hidden.join(",")}`);
  const grid: Grid = {
    kinds: pick<SweepKind>("kinds", v.kinds as string[], SWEEP_KINDS),
    scales: v.scales as number[],
    optimizers: pick<OptimizerName>("optimizers", v.optimizers as string[], OPTIMIZERS),
    seeds: Array.from({ length: v.seeds as number }, (_, i) => i),
  };
  const run: RunConfig = {
    data,
    epochs: v.epochs as number,
    batchSize: v["batch-size"] as number,
    hidden,
    activation: v.act as string,
    lr: { sgd: v["lr-sgd"] as number, momentum: v["lr-momentum"] as number, adam: v["lr-adam"] as number },
    ...(v["train-limit"] === undefined ? {} : { trainLimit: v["train-limit"] as number }),
  };
  return { grid, run };
}

/** Makes the output directory `out` (--out), or says why it cannot be one. */
export function outputDirectory(out: string): void {
  if (out === "") throw new UsageError("--out: the directory name is empty");
  try {
    mkdirSync(out, { recursive: true });
    if (!statSync(out).isDirectory()) throw Object.assign(new Error(), { code: "ENOTDIR" });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === "EEXIST" || code === "ENOTDIR" ? "it is a file, not a directory" : fsReason(e);
    throw new UsageError(`--out: cannot use ${out} as the output directory: ${why}`);
  }
}

/** A results file inside --out that is not a regular file (a directory, say) is refused before any run. */
export function checkResultsFile(file: string): void {
  try {
    if (!statSync(file).isFile()) throw new UsageError(`--out: ${file} is not a regular file; move it away or use another --out`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if ((e as { code?: string }).code !== "ENOENT") throw new UsageError(`--out: cannot read ${file}: ${fsReason(e, false)}`);
  }
}
