import { describe, expect, it } from "vitest";
import { tensor } from "../../src/index.ts";
import { functional as F, lossFunction, LOSSES } from "../../src/nn/index.ts";

describe("losses by name", () => {
  const out = tensor([[0.5, -1], [2, 0.25]]);
  const labels = new Int32Array([1, 0]);

  it("crossEntropy takes class indices; the regression losses take a tensor of the output's shape", () => {
    expect(LOSSES.crossEntropy(out, labels, "mean").item()).toBe(F.crossEntropy(out, labels).item());
    const y = tensor([[0, 1], [1, 0]]);
    expect(LOSSES.mseLoss(out, y, "sum").item()).toBe(F.mseLoss(out, y, { reduction: "sum" }).item());
    expect(LOSSES.huberLoss(out, y, "none").toFlatArray()).toEqual(F.huberLoss(out, y, { reduction: "none" }).toFlatArray());
    expect(LOSSES.l1Loss(out, y, "mean").item()).toBe(F.l1Loss(out, y).item());
  });

  it("bceWithLogits with 0/1 labels and one output per sample treats the labels as a [n, 1] target", () => {
    const logits = tensor([[0.3], [-2]]);
    const want = F.binaryCrossEntropyWithLogits(logits, tensor([[1], [0]])).item();
    expect(LOSSES.binaryCrossEntropyWithLogits(logits, new Int32Array([1, 0]), "mean").item()).toBe(want);
    expect(() => LOSSES.mseLoss(out, labels, "mean")).toThrow(/class labels need a model with one output per sample .* use "crossEntropy"/);
  });

  it("lossFunction resolves names, passes functions through, and lists the names on an unknown one", () => {
    const f = () => tensor(0);
    expect(lossFunction(f)).toBe(f);
    expect(lossFunction("mseLoss")).toBe(LOSSES.mseLoss);
    // The earlier short spellings stay accepted.
    expect(lossFunction("mse")).toBe(LOSSES.mseLoss);
    expect(lossFunction("bceWithLogits")).toBe(LOSSES.binaryCrossEntropyWithLogits);
    expect(() => lossFunction("nll" as never)).toThrow(
      /unknown loss 'nll'; known: crossEntropy, mseLoss, l1Loss, huberLoss, binaryCrossEntropyWithLogits/,
    );
    expect(() => LOSSES.crossEntropy(out, tensor([[1], [0]]), "mean")).toThrow(/are not class indices/);
  });
});
