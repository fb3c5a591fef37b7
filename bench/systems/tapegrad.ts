/**
 * The workloads in tapegrad, as a user writes them: the fused `nn.functional.linear` (x·Wᵀ + b, so each W is
 * stored [out, in], the transpose of the workload's [in, out] data), the fused `crossEntropy` and `mseLoss`,
 * `perturbLoss` for W5 (the composed L + n·L/sg(L), or the fused node), and `optim.SGD` (plain, in place). Each step
 * runs inside `tidy`, as the README's training loop does; "tapegrad, no tidy" runs the same steps without it.
 */
import { fromStorage, perturbLoss, tidy, type Tensor } from "../../src/index.ts";
import * as nn from "../../src/nn/index.ts";
import { SGD } from "../../src/nn/optim/index.ts";
import { matmulData, mlpData, noiseStream } from "../data.ts";
import { LR, type MatmulWorkload, type MlpWorkload, type Workload } from "../workloads.ts";
import { plainStepper, typed, type BenchDType, type Stepper, type System } from "./system.ts";

/** The [cols, rows] transpose of a [rows, cols] row-major matrix. */
function transposed(v: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(v.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = v[i * cols + j];
  return t;
}

/** How a step runs: inside `tidy` (the form the README recommends for a training loop), or as it is. */
type Wrap = (step: () => number) => number;
const inTidy: Wrap = (step) => tidy(step);
const asIs: Wrap = (step) => step();

function mlp(w: MlpWorkload, dtype: BenchDType, wrap: Wrap): Stepper {
  const data = mlpData(w.seed, w.sizes, w.batch, w.loss);
  const S = w.sizes;
  const weights = data.weights.map((v, l) => fromStorage(typed(transposed(v, S[l], S[l + 1]), dtype), [S[l + 1], S[l]], true));
  const biases = data.biases.map((v, l) => fromStorage(typed(v, dtype), [w.sizes[l + 1]], true));
  const opt = new SGD([...weights, ...biases], { lr: LR });
  const x = fromStorage(typed(data.x, dtype), [w.batch, w.sizes[0]]);
  const out = w.sizes[w.sizes.length - 1];
  const y = data.targets === null ? null : fromStorage(typed(data.targets, dtype), [w.batch, out]);
  const labels = data.labels;
  const noise = w.perturbed ? noiseStream(w.seed) : null;
  const last = weights.length - 1;

  const forward = (): Tensor => {
    let h = x;
    for (let l = 0; l <= last; l++) {
      h = nn.functional.linear(h, weights[l], biases[l]);
      if (l < last) h = w.activation === "tanh" ? h.tanh() : h.relu();
    }
    return y !== null ? nn.functional.mseLoss(h, y) : nn.functional.crossEntropy(h, labels as Int32Array);
  };
  const step = (): number => wrap(() => {
    const loss = forward();
    const objective = noise === null ? loss : perturbLoss(loss, noise(), { fused: w.perturbed === "fused" });
    objective.backward();
    opt.step();
    opt.zeroGrad();
    return loss.data[0];
  });
  return plainStepper(step);
}

function matmul(w: MatmulWorkload, dtype: BenchDType, wrap: Wrap): Stepper {
  const data = matmulData(w.seed, w.n);
  const a = fromStorage(typed(data.a, dtype), [w.n, w.n], true);
  const b = fromStorage(typed(data.b, dtype), [w.n, w.n], true);
  const step = (): number => wrap(() => {
    const s = a.matmul(b).sum();
    s.backward();
    a.grad = null;
    b.grad = null;
    return s.data[0];
  });
  return plainStepper(step);
}

function system(id: "tapegrad" | "tapegrad-untidy", wrap: Wrap): System {
  return {
    id,
    dtypes: ["float32", "float64"],
    enter: async () => false,
    create: (w: Workload, dtype) => (w.kind === "mlp" ? mlp(w, dtype, wrap) : matmul(w, dtype, wrap)),
  };
}

/** Each step inside `tidy`, so its large results' memory is reused by the next step. */
export const tapegrad = system("tapegrad", inTidy);
/** The same steps without `tidy`: every large result gets new memory, which the collector frees later. */
export const tapegradUntidy = system("tapegrad-untidy", asIs);
