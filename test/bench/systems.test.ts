import { describe, expect, it } from "vitest";
import { jaxjs } from "../../bench/systems/jaxjs.ts";
import { loops } from "../../bench/systems/loops.ts";
import { pytorch, torchPython } from "../../bench/systems/pytorch.ts";
import type { System } from "../../bench/systems/system.ts";
import { tapegrad, tapegradUntidy } from "../../bench/systems/tapegrad.ts";
import { tfjsCpu, tfjsWasm } from "../../bench/systems/tfjs.ts";
import { workload, type WorkloadId } from "../../bench/workloads.ts";

/**
 * The same workload in every system gives the same loss, step after step, which shows that the peers run the same
 * data, model, loss and update. Tolerance: float32 rounds each operation by up to 2^-24 ≈ 6e-8 relative; a W1 loss
 * passes through about 70 roundings (sums of 2, 16, 16 terms, the activations, a mean of 32) in an order each
 * system chooses, and 3 SGD steps propagate parameter differences of the same size, so 2e-5 (≈ 300 roundings) bounds
 * the spread. A different workload (other data, order, loss or update) differs at the first step by far more.
 */
const RTOL = 2e-5;

async function losses(system: System, id: WorkloadId, steps: number): Promise<number[]> {
  await system.enter();
  const s = system.create(workload(id), "float32");
  const out = Array.from({ length: steps }, () => s.lossStep());
  s.dispose();
  return out;
}

function expectClose(actual: number[], expected: number[]): void {
  actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(RTOL * Math.abs(expected[i])));
}

describe("every system runs the same workload", () => {
  for (const system of [loops, jaxjs, tfjsCpu, tfjsWasm]) {
    it(`${system.id}: W1's losses over 3 steps equal tapegrad's within float32 rounding`, async () => {
      const ref = await losses(tapegrad, "W1", 3);
      expectClose(await losses(system, "W1", 3), ref);
      // The losses fall: the update was applied, in the descending direction.
      expect(ref[2]).toBeLessThan(ref[0]);
    });
  }

  // PyTorch is optional: where no python3 imports torch, the bench skips it with a note, and so does this test.
  it.skipIf(torchPython() === null)("pytorch: W1, W2, W4 and W5's losses over 3 steps equal tapegrad's", async () => {
    for (const id of ["W1", "W2", "W4", "W5"] as const) expectClose(await losses(pytorch, id, 3), await losses(tapegrad, id, 3));
  });

  it("jax-js: W2, W4 and the perturbed W5 agree with tapegrad too", async () => {
    for (const id of ["W2", "W4", "W5"] as const) expectClose(await losses(jaxjs, id, 3), await losses(tapegrad, id, 3));
  });

  it("loops: W2, W4 and the perturbed W5 agree with tapegrad too (W5 draws the same noise)", async () => {
    for (const id of ["W2", "W4", "W5"] as const) expectClose(await losses(loops, id, 3), await losses(tapegrad, id, 3));
  });

  it("tapegrad without tidy: every workload's losses over 4 steps are tapegrad's in tidy, bit for bit", async () => {
    for (const id of ["W1", "W2", "W3", "W4", "W5"] as const) {
      expect(await losses(tapegradUntidy, id, 4)).toEqual(await losses(tapegrad, id, 4));
    }
  });

  it("tapegrad's first W1 loss is the mean squared error computed directly from the workload's data", async () => {
    const { mlpData } = await import("../../bench/data.ts");
    const d = mlpData(101, [2, 16, 16, 1], 32, "mse");
    // A float64 forward pass straight from the definition: h = tanh(x·W + b), twice, then linear.
    let h = Array.from({ length: 32 }, (_, i) => [d.x[2 * i], d.x[2 * i + 1]]);
    for (let l = 0; l < 3; l++) {
      const [k, n] = [[2, 16, 16][l], [16, 16, 1][l]];
      h = h.map((row) =>
        Array.from({ length: n }, (_, j) => {
          let z = d.biases[l][j];
          for (let p = 0; p < k; p++) z += row[p] * d.weights[l][p * n + j];
          return l < 2 ? Math.tanh(z) : z;
        }),
      );
    }
    const mse = h.reduce((s, row, i) => s + (row[0] - (d.targets as Float64Array)[i]) ** 2, 0) / 32;
    const [first] = await losses(tapegrad, "W1", 1);
    // float32 storage of the data and float32 arithmetic against float64: the same ~300-rounding bound.
    expect(Math.abs(first - mse)).toBeLessThanOrEqual(RTOL * mse);
  });
});
