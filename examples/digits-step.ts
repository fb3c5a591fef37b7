/**
 * One training step of an MLP on the UCI digits (W2's model: 64-128-64-10, ReLU, batch 64, cross-entropy, SGD
 * lr 0.01, float32), as a module whose default export is the step: what `tapegrad profile` and
 * `tapegrad bench --fn` take.
 *
 *   npx tapegrad profile examples/digits-step.ts --trace digits-trace.json
 *   npx tapegrad bench --fn examples/digits-step.ts
 *
 * `profile.region` marks the parts of the step; with no profile running it only calls through.
 */
import { Generator, nn, optim, profile, type Tensor } from "../src/index.ts";
import { loadDataset } from "../src/node.ts";
import { takeRows } from "../src/nn/data/dataset.ts";

const { train } = loadDataset("digits", { dtype: "float32" });
const model = nn.MLP([64, 128, 64, 10], { activation: "relu", dtype: "float32", generator: new Generator(202) });
const opt = new optim.SGD(model.parameters(), { lr: 0.01 });
const batch = 64;
const labels = train.y as Int32Array;
const n = labels.length - (labels.length % batch);
let at = 0;

export default function step(): number {
  const index = Array.from({ length: batch }, (_, i) => at + i);
  at = (at + batch) % n;
  const x: Tensor = takeRows(train.x, index);
  const y = index.map((i) => labels[i]);
  const loss = profile.region("forward", () => nn.functional.crossEntropy(model.forward(x), y));
  profile.region("backward", () => loss.backward());
  profile.region("sgd", () => {
    opt.step();
    opt.zeroGrad();
  });
  return loss.item();
}
