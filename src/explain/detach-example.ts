/**
 * The seed's question in a dozen lines: backpropagate L̃ = L + n·L/detach(L) and compare every gradient with the
 * clean one. The ratio is 1 + n/L for every parameter; without the detach it is exactly 1.
 */
import { grad } from "../autograd/grad.ts";
import { tensor } from "../autograd/creation.ts";

export function runDetachExample(n = 0.31): { lines: string[]; numbers: Record<string, number> } {
  const x = tensor([[0.5, -1.2], [1.5, 0.3], [-0.7, 0.8]]);
  const y = tensor([[1.0], [-0.5], [0.25]]);
  const w = tensor([[0.4], [-0.3]], { requiresGrad: true });
  const b = tensor([0.1], { requiresGrad: true });

  const loss = x.matmul(w).add(b).sub(y).pow(2).mean(); // L
  const perturbed = loss.add(loss.div(loss.detach()).mul(n)); // L + n·L/sg(L)
  const undetached = loss.add(loss.div(loss).mul(n)); // L + n·L/L: the quotient is a constant 1 to autodiff too

  const [gw, gb] = grad(loss, [w, b], { retainGraph: true }) as [typeof w, typeof b];
  const [pw, pb] = grad(perturbed, [w, b], { retainGraph: true }) as [typeof w, typeof b];
  const [uw] = grad(undetached, [w]) as [typeof w];

  const L = loss.item();
  const predicted = 1 + n / L;
  const ratio = pw.data[0] / gw.data[0];
  const lines = [
    `L = ${L.toFixed(6)}, n = ${n}`,
    `perturbed value  L + n·L/sg(L) = ${perturbed.item().toFixed(6)}  (= L + n = ${(L + n).toFixed(6)})`,
    `dL/dw       = ${gw.toString()}`,
    `dL̃/dw       = ${pw.toString()}`,
    `dL̃/dw ÷ dL/dw = ${ratio.toFixed(6)}   1 + n/L = ${predicted.toFixed(6)}`,
    `dL̃/db ÷ dL/db = ${(pb.data[0] / gb.data[0]).toFixed(6)}`,
    `without detach: d(L + n·L/L)/dw ÷ dL/dw = ${(uw.data[0] / gw.data[0]).toFixed(6)}`,
  ];
  return {
    lines,
    numbers: {
      loss: L,
      n,
      predictedFactor: predicted,
      ratioW: ratio,
      ratioB: pb.data[0] / gb.data[0],
      ratioWithoutDetach: uw.data[0] / gw.data[0],
    },
  };
}
