import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OPS, type OpName } from "../../../src/autograd/ops/table.ts";
import { gradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import { SPECS, type Spec } from "./specs.ts";

const names = Object.keys(OPS) as OpName[];
const specs: Partial<Record<string, Spec>> = SPECS;

/** The formula literals (`formula: "…"` or a template with `${…}` holes) in an op's source file. */
function formulaPatterns(file: string): RegExp[] {
  const text = readFileSync(new URL(`../../../src/autograd/ops/${file}`, import.meta.url), "utf8");
  const literals = [...text.matchAll(/formula:\s*("(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)/g)].map((m) => m[1]);
  return literals.map((lit) => {
    const body = lit.startsWith('"') ? (JSON.parse(lit) as string) : lit.slice(1, -1);
    const parts = (lit.startsWith('"') ? [body] : body.split(/\$\{[^}]*\}/)).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${parts.join(".+?")}$`);
  });
}

describe("the op table: every op in OPS has a gradient spec, a formula in its own file, and a checked rule", () => {
  it("every op in OPS has a spec, and every spec names an op in OPS", () => {
    expect(names.filter((n) => specs[n] === undefined)).toEqual([]);
    expect(Object.keys(SPECS).filter((n) => !(n in OPS))).toEqual([]);
  });

  describe.each(names)("%s", (name) => {
    const spec = specs[name] as Spec;
    const def = OPS[name].def;

    it("has a non-empty formula (op; gradient) that its source file carries", () => {
      expect(def.formula.trim()).not.toBe("");
      expect(def.formula).toContain(";");
      const patterns = formulaPatterns(spec.file);
      expect(patterns.length).toBeGreaterThan(0);
      expect(patterns.some((p) => p.test(def.formula))).toBe(true);
    });

    it("the sample records a node of this very op", () => {
      const out = spec.call(...spec.inputs());
      expect(out.node?.def).toBe(def);
    });

    if (spec.differentiable) {
      it("has a backward rule, and gradcheck agrees with it on the sample (float64 central differences)", () => {
        expect(def.backward).not.toBeNull();
        expect(gradcheck(spec.call, spec.inputs(), spec.gradcheck)).toBe(true);
      });
    } else {
      it("has no backward rule: its output needs no grad and every input gets null", () => {
        expect(def.backward).toBeNull();
        const inputs = spec.inputs();
        const out = spec.call(...inputs);
        expect(out.requiresGrad).toBe(false);
        expect(grad(out.sum(), inputs, { allowUnused: true })).toEqual(inputs.map(() => null));
      });
    }
  });
});
