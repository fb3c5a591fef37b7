import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { tensor } from "../../src/index.ts";
import {
  bceWithLogits, breakSoftplus, proveBceWithLogits, proveSoftplus, softplus, softplusBroken,
} from "../../examples/prove-softplus.ts";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const doc = read("../../docs/prove-your-own-op.md");
const example = read("../../examples/prove-softplus.ts");

describe("docs/prove-your-own-op.md and examples/prove-softplus.ts", () => {
  it("every code block of the tutorial is in the example file (package imports written as repository paths)", () => {
    const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBe(5);
    for (const block of blocks) {
      const local = block.replaceAll('"tapegrad/testing"', '"../src/testing/index.ts"').replaceAll('"tapegrad"', '"../src/index.ts"');
      expect(example).toContain(local);
    }
  });

  it("the output pasted in the tutorial is what breakSoftplus prints", () => {
    const pasted = /<!-- output: breakSoftplus -->\n```text\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(pasted).toBeDefined();
    expect(breakSoftplus()).toBe(pasted);
  });
});

describe("the tutorial's code", () => {
  it("softplus and the fused loss each record one node named after them", () => {
    const x = tensor([0.5, -2], { requiresGrad: true });
    expect(softplus(x).gradFn).toBe("softplus");
    expect(bceWithLogits(x, tensor([1, 0])).gradFn).toBe("bceWithLogits");
  });

  it("softplus(x) = log(1 + eˣ), stable at ±800 where eˣ overflows", () => {
    const y = softplus(tensor([-800, 0, 800], { requiresGrad: true }));
    // log(1 + e⁻⁸⁰⁰) underflows to 0; log(2) is one rounding away; 800 + log(1 + e⁻⁸⁰⁰) = 800 exactly.
    expect(y.toArray()).toEqual([0, Math.log(2), 800]);
  });

  it("the properties of softplus hold: checkVjp, gradgradcheck, against the textbook formula", () => {
    expect(() => proveSoftplus(40)).not.toThrow();
  });

  it("the properties of the fused loss hold: checkVjp and against the composed formula, to second order", () => {
    expect(() => proveBceWithLogits(40)).not.toThrow();
  });

  it("the broken softplus is caught and shrunk to the scalar 0, where its rule says 2/3 and the truth is 1/2", () => {
    const report = breakSoftplus();
    expect(report).toContain("Counterexample: [tensor(0, { requiresGrad: true })]");
    expect(report).toContain("checkVjp(softplusBroken)");
    const x = tensor(0, { requiresGrad: true });
    softplusBroken(x).backward();
    // σ(log 2) = 1 / (1 + 1/2) = 2/3, up to the rounding of log and exp.
    expect(Math.abs((x.grad as typeof x).item() - 2 / 3)).toBeLessThan(1e-15);
  });
});
