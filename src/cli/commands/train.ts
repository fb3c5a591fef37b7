/**
 * `tapegrad train`: trains an MLP on a named data set with fit, printing a per-epoch table (and a progress bar on
 * a terminal), then the final test accuracy; optionally saves the weights (safetensors) and an SVG of the curves.
 * Paths are checked before training, so a bad path fails at once and a failed run writes nothing.
 */
import type { DType } from "../../autograd/dtype.ts";
import { TapegradError } from "../../autograd/errors.ts";
import { Generator } from "../../autograd/random.ts";
import { checkWritable, writeFileAtomic } from "../../explain/output.ts";
import { DATASETS, loadDataset } from "../../nn/data/bundled.ts";
import { datasetNames } from "../../nn/data/registry.ts";
import type { Split } from "../../nn/data/dataset.ts";
import { ACTIVATIONS } from "../../nn/layers/activations.ts";
import { MLP } from "../../nn/mlp.ts";
import { Adam, AdamW } from "../../nn/optim/adam.ts";
import type { Optimizer } from "../../nn/optim/optimizer.ts";
import { SGD } from "../../nn/optim/sgd.ts";
import { saveSafetensors } from "../../nn/safetensors-file.ts";
import { fit, type EpochLog } from "../../nn/train.ts";
import { sideBySide } from "../../plot/compose.ts";
import { lineChart } from "../../plot/line-chart.ts";
import { CliError, type Command } from "../command.ts";
import { UsageError } from "../args.ts";
import { checkDistinctPaths } from "../paths.ts";
import type { Io } from "../io.ts";
import { minOf } from "../../plot/extent.ts";

const OPTIMIZERS: Record<string, (params: ReturnType<ReturnType<typeof MLP>["parameters"]>, o: OptimizerArgs) => Optimizer> = {
  sgd: (p, o) => new SGD(p, { lr: o.lr, momentum: o.momentum, weightDecay: o.weightDecay }),
  adam: (p, o) => new Adam(p, { lr: o.lr, weightDecay: o.weightDecay }),
  adamw: (p, o) => new AdamW(p, { lr: o.lr, weightDecay: o.weightDecay }),
};

/** 2^27 float64 weights are 1 GiB, and Adam keeps two more copies: enough for any MLP this command trains. */
const MAX_PARAMETERS = 2 ** 27;

interface OptimizerArgs {
  lr: number;
  momentum: number;
  weightDecay: number;
}

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(2)}%` : "-");
const fixed = (v: number, d = 4) => (Number.isFinite(v) ? v.toFixed(d) : "-");
/** NaN (no accuracy for regression) becomes null in the JSON. */
const orNull = (v: number) => (Number.isFinite(v) ? v : null);

function row(cells: readonly string[]): string {
  const widths = [5, 10, 9, 10, 9, 9, 7];
  return cells.map((c, i) => c.padStart(widths[i])).join("  ");
}

function curves(logs: readonly EpochLog[], title: string): string {
  const series = (label: string, pick: (l: EpochLog) => number, dashed = false) => ({
    label, dashed, points: logs.map((l) => ({ x: l.epoch, y: pick(l) })),
  });
  const loss = lineChart(
    [series("train", (l) => l.trainLoss), series("test", (l) => l.testLoss, true)],
    { title: "loss", xLabel: "epoch", yLabel: "loss", width: 480, height: 320 },
  );
  if (logs.every((l) => !Number.isFinite(l.testAccuracy))) return sideBySide([loss], { title });
  const lowest = minOf(logs.flatMap((l) => [l.trainAccuracy, l.testAccuracy]).filter(Number.isFinite));
  const accuracy = lineChart(
    [series("train", (l) => l.trainAccuracy), series("test", (l) => l.testAccuracy, true)],
    {
      title: "accuracy", xLabel: "epoch", yLabel: "accuracy", width: 480, height: 320, legend: "bottom-right",
      yRange: [Math.floor(lowest * 10) / 10, 1],
    },
  );
  return sideBySide([loss, accuracy], { title });
}

function load(name: string, seed: number, testFraction: number, dtype: DType): Split {
  if (!datasetNames(DATASETS).includes(name)) {
    throw new UsageError(`--data: unknown data set '${name}'; choose one of: ${datasetNames(DATASETS).join(", ")}`);
  }
  return loadDataset(name, { seed, testFraction, dtype });
}

async function train(args: Record<string, unknown>, io: Io): Promise<Record<string, unknown>> {
  const name = args.data as string;
  const opt = args.opt as string;
  if (!Object.hasOwn(OPTIMIZERS, opt)) {
    throw new UsageError(`--opt: unknown optimizer '${opt}'; choose one of: ${Object.keys(OPTIMIZERS).join(", ")}`);
  }
  const dtype = args.dtype as string;
  if (dtype !== "float32" && dtype !== "float64") throw new UsageError(`--dtype: expected float32 or float64, got '${dtype}'`);
  const hidden = args.hidden as number[];
  if (hidden.some((h) => !Number.isInteger(h) || h <= 0)) throw new UsageError(`--hidden: layer sizes must be positive integers, got ${hidden.join(",")}`);
  const act = args.act as string;
  if (!Object.hasOwn(ACTIVATIONS, act)) {
    throw new UsageError(`--act: unknown activation '${act}'; choose one of: ${Object.keys(ACTIVATIONS).join(", ")}`);
  }
  const save = args.save as string | undefined;
  const plot = args.plot as string | undefined;
  checkDistinctPaths({ save, plot });
  if (save !== undefined) await checkWritable(save, "weights (--save)");
  if (plot !== undefined) await checkWritable(plot, "plot (--plot)");
  const seed = args.seed as number;
  const data = load(name, seed, args["test-fraction"] as number, dtype);
  const outputs = data.train.task === "regression" ? (data.train.y as { shape: readonly number[] }).shape[1] : data.train.numClasses;
  const sizes = [data.train.x.shape[1], ...hidden, outputs];
  const parameters = sizes.slice(1).reduce((n, out, i) => n + (sizes[i] + 1) * out, 0);
  if (parameters > MAX_PARAMETERS) {
    throw new UsageError(
      `--hidden: the MLP ${sizes.join("-")} would have ${parameters} parameters, above the limit of ${MAX_PARAMETERS}; use narrower layers`,
    );
  }
  const model = MLP(sizes, { activation: args.act as string, dropout: args.dropout as number, dtype, generator: new Generator(seed) });
  const optimizer = OPTIMIZERS[opt](model.parameters(), {
    lr: args.lr as number, momentum: args.momentum as number, weightDecay: args["weight-decay"] as number,
  });
  const epochs = args.epochs as number;
  io.print(
    `training MLP ${sizes.join("-")} (${args.act}) on ${name}: ${data.train.x.shape[0]} train / ${data.test.x.shape[0]} test samples, ` +
      `${opt} lr ${args.lr}, batch ${args["batch-size"]}, ${epochs} epochs, seed ${seed}, ${dtype}`,
  );
  io.print(row(["epoch", "train loss", "train acc", "test loss", "test acc", "lr", "time"]));
  let bar: ReturnType<Io["progress"]> | null = null;
  const history = fit(model, data, {
    optimizer, epochs, batchSize: args["batch-size"] as number, seed,
    callbacks: {
      onProgress: (p) => {
        bar ??= io.progress("train", p.totalSteps);
        bar.tick(p.step, `epoch ${p.epoch}/${p.epochs} loss ${p.loss.toFixed(4)}`);
      },
      onEpoch: (l) => {
        bar?.done();
        io.print(row([String(l.epoch), fixed(l.trainLoss), pct(l.trainAccuracy), fixed(l.testLoss), pct(l.testAccuracy), l.lr.toPrecision(3), `${l.seconds.toFixed(1)}s`]));
      },
    },
  });
  (bar as ReturnType<Io["progress"]> | null)?.done();
  const last: EpochLog | undefined = history.epochs[history.epochs.length - 1];
  const testAccuracy = last?.testAccuracy ?? NaN;
  io.print(
    Number.isFinite(testAccuracy)
      ? `final test accuracy ${pct(testAccuracy)} (${Math.round(testAccuracy * data.test.x.shape[0])}/${data.test.x.shape[0]}) in ${history.seconds.toFixed(2)} s`
      : `final test loss ${fixed(last?.testLoss ?? NaN, 6)} in ${history.seconds.toFixed(2)} s`,
  );
  if (save !== undefined) {
    saveSafetensors(save, model.stateDict(), { data: name, sizes: sizes.join(","), activation: String(args.act) });
    io.print(`weights written to ${save}`);
  }
  if (plot !== undefined) {
    await writeFileAtomic(plot, curves(history.epochs, `MLP ${sizes.join("-")} on ${name}`), "plot (--plot)");
    io.print(`curves written to ${plot}`);
  }
  return {
    testAccuracy: orNull(testAccuracy),
    trainLoss: orNull(last?.trainLoss ?? NaN),
    testLoss: orNull(last?.testLoss ?? NaN),
    trainAccuracy: orNull(last?.trainAccuracy ?? NaN),
    seconds: history.seconds,
    steps: history.steps,
    data: name,
    sizes,
    activation: args.act,
    optimizer: opt,
    lr: args.lr,
    epochs,
    batchSize: args["batch-size"],
    seed,
    dtype,
    history: history.epochs.map((l) => ({ ...l, trainAccuracy: orNull(l.trainAccuracy), testAccuracy: orNull(l.testAccuracy), testLoss: orNull(l.testLoss) })),
    save: save ?? null,
    plot: plot ?? null,
  };
}

export const trainCommand: Command = {
  name: "train",
  options: {
    data: { type: "string", help: `data set: ${datasetNames(DATASETS).join(", ")}`, default: "digits" },
    hidden: { type: "numbers", help: "hidden layer sizes", default: [128, 64], min: 1 },
    act: { type: "string", help: "activation: relu, tanh, sigmoid, gelu", default: "relu" },
    opt: { type: "string", help: "optimizer: sgd, adam, adamw", default: "adam" },
    lr: { type: "number", help: "learning rate", default: 1e-3, above: 0 },
    momentum: { type: "number", help: "SGD momentum", default: 0.9, min: 0, below: 1 },
    "weight-decay": { type: "number", help: "weight decay (L2 for sgd and adam, decoupled for adamw)", default: 0, min: 0 },
    epochs: { type: "int", help: "passes over the training set", default: 30, min: 1 },
    "batch-size": { type: "int", help: "samples per step", default: 64, min: 1 },
    dropout: { type: "number", help: "dropout after each hidden activation", default: 0, min: 0, below: 1 },
    seed: { type: "int", help: "seeds the data, the split, the init, the shuffling and dropout", default: 0, min: 0 },
    "test-fraction": { type: "number", help: "share of samples held out for testing", default: 0.2, above: 0, below: 1 },
    dtype: { type: "string", help: "float64 or float32", default: "float64" },
    save: { type: "string", help: "write the trained weights to this safetensors file" },
    plot: { type: "string", help: "write the loss and accuracy curves to this SVG file" },
  },
  async run(args, io) {
    try {
      return await train(args.values, io);
    } catch (e) {
      if (e instanceof TapegradError) throw new CliError(e.message);
      throw e;
    }
  },
};
