import { describe, expect, it } from "vitest";
import { Generator, gradcheck, gradgradcheck, randn, tensor } from "../../../src/index.ts";
import { functional as F } from "../../../src/nn/index.ts";

describe("functional.gelu", () => {
  it("exact GELU is x·Φ(x): gelu(1) = Φ(1), gelu(−1) = −Φ(−1), gelu(0) = 0", () => {
    // Φ(1) = 0.841344746068542948585… (standard normal tables)
    const [a, b, c] = F.gelu(tensor([1, -1, 0])).toFlatArray();
    expect(a).toBeCloseTo(0.8413447460685429, 15);
    expect(b).toBeCloseTo(-(1 - 0.8413447460685429), 15);
    expect(c).toBe(0);
  });

  it("the tanh approximation is ½x(1 + tanh(√(2/π)(x + 0.044715x³)))", () => {
    const x = 0.7;
    const want = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
    expect(F.gelu(tensor([x]), { approximate: "tanh" }).item()).toBeCloseTo(want, 15);
  });

  it("gradcheck and gradgradcheck of the exact GELU (∂x = Φ(x) + x·φ(x))", () => {
    const x = randn([7], { generator: new Generator(8), requiresGrad: true });
    expect(gradcheck((x) => F.gelu(x), [x])).toBe(true);
    expect(gradgradcheck((x) => F.gelu(x), [x])).toBe(true);
    expect(gradcheck((x) => F.gelu(x, { approximate: "tanh" }), [x])).toBe(true);
  });
});
