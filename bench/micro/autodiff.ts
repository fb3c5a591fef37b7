/**
 * What autodiff itself costs, in tapegrad: recording a node and walking it backward (one-element float64 tensors,
 * so the arithmetic is negligible), `detach`, and the perturbation node L + n·L/sg(L), composed and fused, against
 * the same loss unperturbed (the difference is the node's cost).
 */
import { fromStorage, perturbLoss, tensor, type Tensor } from "../../src/index.ts";
import { values, type MicroCase, type Runner } from "./case.ts";

const CHAIN = 100;

function chain(x: Tensor): Tensor {
  let y = x;
  for (let i = 0; i < CHAIN; i += 2) y = y.mul(0.999).add(0.001);
  return y;
}

function loop(fn: () => unknown): Runner {
  return (count) => {
    for (let i = 0; i < count; i++) fn();
  };
}

/** A loss over a [64] float32 leaf, and a runner doing `objective(loss)`'s forward and backward. */
function lossCase(id: string, label: string, objective: (loss: Tensor) => Tensor): MicroCase {
  return {
    id, family: "perturb", label,
    tapegrad: () => {
      const x = fromStorage(Float32Array.from(values(64)), [64], true);
      return loop(() => {
        objective(x.mul(x).sum()).backward();
        x.grad = null;
      });
    },
  };
}

export const AUTODIFF_CASES: readonly MicroCase[] = [
  {
    id: "tape.record", family: "tape", label: `record a chain of ${CHAIN} scalar ops (forward only)`,
    derived: { unit: "ns/node", amount: CHAIN },
    tapegrad: () => {
      const x = tensor(0.5, { requiresGrad: true });
      return loop(() => chain(x));
    },
  },
  {
    id: "tape.backward", family: "tape", label: `record + backward, chain of ${CHAIN} scalar ops`,
    derived: { unit: "ns/node", amount: CHAIN },
    tapegrad: () => {
      const x = tensor(0.5, { requiresGrad: true });
      return loop(() => {
        chain(x).backward();
        x.grad = null;
      });
    },
  },
  {
    id: "detach", family: "tape", label: "detach a [64] tensor that requires grad",
    derived: { unit: "ns/call", amount: CHAIN },
    tapegrad: () => {
      const x = fromStorage(Float32Array.from(values(64)), [64], true);
      return loop(() => {
        for (let i = 0; i < CHAIN; i++) x.detach();
      });
    },
  },
  lossCase("perturb.none", "L = Σx², forward + backward (baseline)", (loss) => loss),
  lossCase("perturb.composed", "L + n·L/sg(L) composed (add, mul, div, detach), forward + backward", (loss) =>
    perturbLoss(loss, 0.05),
  ),
  lossCase("perturb.fused", "L + n·L/sg(L) fused (one node), forward + backward", (loss) =>
    perturbLoss(loss, 0.05, { fused: true }),
  ),
];
