/** The demo's setup (tapegrad/node, since the digits are a file): a batch of the UCI digits and a seeded ReLU MLP. */
import { Generator } from "../../autograd/random.ts";
import { loadDataset } from "../../nn/data/bundled.ts";
import { takeLabels, takeRows } from "../../nn/data/dataset.ts";
import { MLP } from "../../nn/mlp.ts";
import { setupOf, type Setup } from "./setup.ts";

export interface DigitsOptions {
  readonly seed?: number;
  /** The first this-many training samples of the fixed split (default 64). */
  readonly batch?: number;
  /** Hidden widths (default [32]: the sweep's model). */
  readonly hidden?: readonly number[];
}

/** A batch of the UCI digits (standardised, the fixed split) and a seeded ReLU MLP 64 → hidden → 10. */
export function digitsSetup(options: DigitsOptions = {}): Setup {
  const { train } = loadDataset("digits", { seed: 0 });
  const batch = Math.min(options.batch ?? 64, train.x.shape[0]);
  const rows = Array.from({ length: batch }, (_, i) => i);
  const x = takeRows(train.x, rows);
  const labels = takeLabels(train.y as Int32Array, rows);
  const model = MLP([64, ...(options.hidden ?? [32]), 10], { generator: new Generator(options.seed ?? 0) });
  return setupOf(model, x, labels);
}
