/** A digits-sized MLP step (64-128-64-10, ReLU, batch 64, cross-entropy, SGD), and its tape before backward. */
import { Generator } from "../../src/autograd/random.ts";
import { tapeOf, tapeTensors } from "../../src/autograd/introspect.ts";
import { randn } from "../../src/autograd/creation.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { MLP } from "../../src/nn/mlp.ts";
import { crossEntropy } from "../../src/nn/functional/cross-entropy.ts";
import { SGD } from "../../src/nn/optim/sgd.ts";

export function mlpStep() {
  const g = new Generator(202);
  const model = MLP([64, 128, 64, 10], { generator: g });
  const opt = new SGD(model.parameters(), { lr: 0.01 });
  const x = randn([64, 64], { generator: g });
  const labels = Array.from({ length: 64 }, (_, i) => (i * 7) % 10);
  const loss = (): Tensor => crossEntropy(model.forward(x), labels);
  const step = (): void => {
    loss().backward();
    opt.step();
    opt.zeroGrad();
  };
  /** Node count by kind, and the bytes the nodes keep for backward, of one step's tape before its backward. */
  const tape = () => {
    const l = loss();
    const counts = new Map<string, number>();
    let saved = 0;
    const tensors = tapeTensors(l);
    for (const e of tapeOf(l)) {
      if (e.kind !== "op") continue;
      counts.set(e.op, (counts.get(e.op) ?? 0) + 1);
      saved += tensors.get(e.id)?.node?.savedBytes ?? 0;
    }
    opt.zeroGrad();
    return { counts, saved };
  };
  return { step, tape };
}
