/**
 * Agreement with PyTorch: replays every case of test/fixtures/nn/optim-reference.json (torch 1.13, float64; see
 * scripts/torch-reference/README.md): the same MLP from the same initial state dict, the same batches in the same
 * order, 100 steps of zeroGrad → loss → backward → [clipGradNorm] → step → [scheduler.step], and compares the
 * loss of every step and the final weights.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tensor, type Tensor } from "../../../src/index.ts";
import { functional as F, MLP } from "../../../src/nn/index.ts";
import {
  Adam, AdamW, clipGradNorm, CosineAnnealingLR, type LRScheduler, type Optimizer, SGD, StepLR,
} from "../../../src/nn/optim/index.ts";

interface Json {
  shape: number[];
  data: number[];
}
interface Case {
  id: string;
  model: { sizes: number[]; activation: string };
  loss: { name: string; reduction: "mean" | "sum" | "none"; delta?: number; labelSmoothing?: number };
  optimizer: {
    name: "sgd" | "adam" | "adamw"; lr: number; momentum?: number; dampening?: number; nesterov?: boolean;
    weightDecay: number; betas?: [number, number]; eps?: number; amsgrad?: boolean;
  };
  clipGradNorm: number | null;
  scheduler: { name: "step"; stepSize: number; gamma: number } | { name: "cosine"; tMax: number; etaMin: number } | null;
  initial: Record<string, Json>;
  batches: { x: Json; y: Json }[];
  steps: number;
  losses: number[];
  final: Record<string, Json>;
}

const fixture = JSON.parse(
  readFileSync(new URL("../../fixtures/nn/optim-reference.json", import.meta.url), "utf8"),
) as { torch_version: string; cases: Case[] };

const asTensor = (j: Json): Tensor => tensor(j.data, { shape: j.shape });

function optimizerFor(c: Case, params: Tensor[]): Optimizer {
  const o = c.optimizer;
  if (o.name === "sgd") {
    return new SGD(params, {
      lr: o.lr, momentum: o.momentum, dampening: o.dampening, nesterov: o.nesterov, weightDecay: o.weightDecay,
    });
  }
  const options = { lr: o.lr, betas: o.betas, eps: o.eps, weightDecay: o.weightDecay, amsgrad: o.amsgrad };
  return o.name === "adam" ? new Adam(params, options) : new AdamW(params, options);
}

function schedulerFor(c: Case, opt: Optimizer): LRScheduler | null {
  const s = c.scheduler;
  if (s === null) return null;
  return s.name === "step" ? new StepLR(opt, { stepSize: s.stepSize, gamma: s.gamma }) : new CosineAnnealingLR(opt, s);
}

function lossFor(c: Case, out: Tensor, y: Json): Tensor {
  const { name, reduction, delta, labelSmoothing } = c.loss;
  switch (name) {
    case "mse":
      return F.mseLoss(out, asTensor(y), { reduction });
    case "l1":
      return F.l1Loss(out, asTensor(y), { reduction });
    case "huber":
      return F.huberLoss(out, asTensor(y), { reduction, delta });
    case "bceWithLogits":
      return F.binaryCrossEntropyWithLogits(out, asTensor(y), { reduction });
    case "crossEntropy":
      return F.crossEntropy(out, y.data, { reduction, labelSmoothing });
  }
  throw new Error(`unknown loss ${name}`);
}

function replay(c: Case): { losses: number[]; final: Record<string, Tensor> } {
  const model = MLP(c.model.sizes, { activation: c.model.activation });
  model.loadStateDict(Object.fromEntries(Object.entries(c.initial).map(([k, v]) => [k, asTensor(v)])));
  const opt = optimizerFor(c, model.parameters());
  const sched = schedulerFor(c, opt);
  const batches = c.batches.map((b) => ({ x: asTensor(b.x), y: b.y }));
  const losses: number[] = [];
  for (let i = 0; i < c.steps; i++) {
    const { x, y } = batches[i % batches.length];
    opt.zeroGrad();
    const loss = lossFor(c, model.forward(x), y);
    loss.backward();
    if (c.clipGradNorm !== null) clipGradNorm(model.parameters(), c.clipGradNorm);
    opt.step();
    sched?.step();
    losses.push(loss.item());
  }
  return { losses, final: model.stateDict() };
}

// 1e-9 relative, as the issue demands. The fixture script's --check run shows how much a 1e-13 relative change of
// the initial weights moves these trajectories (far less than 1e-9 after 100 steps), so rounding differences
// between two correct float64 implementations (different summation orders in matmul) stay well inside it.
const RTOL = 1e-9;

describe(`PyTorch ${fixture.torch_version} agreement (${fixture.cases.length} cases, float64)`, () => {
  it("the fixture holds the 27 cases it documents", () => {
    expect(fixture.cases.length).toBe(27);
  });

  for (const c of fixture.cases) {
    it(`${c.id}: ${c.steps} losses and the final weights agree to ${RTOL} relative`, () => {
      const { losses, final } = replay(c);
      expect(losses.length).toBe(c.losses.length);
      losses.forEach((l, i) => {
        const e = c.losses[i];
        if (!(Math.abs(l - e) <= RTOL * Math.abs(e))) {
          throw new Error(`${c.id}: step ${i}: loss ${l} vs torch ${e} (relative ${Math.abs(l - e) / Math.abs(e)})`);
        }
      });
      for (const [key, want] of Object.entries(c.final)) {
        const got = final[key].toFlatArray();
        // A weight that ends near zero (a bias crossing zero, say) carries the absolute error of its neighbours,
        // so an elementwise relative test would demand impossible precision there. Each element is held to 1e-9
        // of the larger of its own magnitude and the tensor's scale (its largest magnitude).
        const scale = Math.max(...want.data.map(Math.abs));
        got.forEach((v, i) => {
          const e = want.data[i];
          if (!(Math.abs(v - e) <= RTOL * Math.max(Math.abs(e), scale))) {
            throw new Error(`${c.id}: final ${key}[${i}] = ${v} vs torch ${e}`);
          }
        });
      }
    });
  }
});
