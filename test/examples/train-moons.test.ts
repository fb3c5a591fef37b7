import { describe, expect, it } from "vitest";
import { runTrainMoons } from "../../examples/train-moons.ts";

describe("README example: training an MLP on moons", () => {
  it("reaches ≥ 99% accuracy on train and test, and logs every 10th epoch", () => {
    const { trainAccuracy, testAccuracy, lines } = runTrainMoons(40);
    expect(trainAccuracy).toBeGreaterThanOrEqual(0.99);
    expect(testAccuracy).toBeGreaterThanOrEqual(0.99);
    expect(lines.map((l) => l.split(":")[0])).toEqual(["epoch 10", "epoch 20", "epoch 30", "epoch 40"]);
  });
});
