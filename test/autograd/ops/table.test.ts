import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import "../../../src/index.ts";
import { OPS, type OpName } from "../../../src/autograd/ops/index.ts";
import { customOps, registeredOps, type RegisteredOp } from "../../../src/autograd/registry.ts";
import { gradcheck } from "../../../src/autograd/gradcheck.ts";
import { grad } from "../../../src/autograd/grad.ts";
import type { Tensor } from "../../../src/autograd/tensor.ts";
import { NODE_SPECS, SPECS, type Spec } from "./specs.ts";

/** Every node kind the library defines: built-in ops, nn's fused ops, perturb's node, explain's custom op. */
const entries = new Map<string, RegisteredOp>([...registeredOps(), ...customOps()]);
const names = [...entries.keys()];
const specs: Partial<Record<string, Spec>> = { ...SPECS, ...NODE_SPECS };

/** The formula literals (`formula: "…"` or a template with `${…}` holes) in an op's source file. */
function formulaPatterns(file: string): RegExp[] {
  const text = readFileSync(new URL(`../../../src/${file.includes("/") ? file : `autograd/ops/${file}`}`, import.meta.url), "utf8");
  const literals = [...text.matchAll(/formula:\s*("(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)/g)].map((m) => m[1]);
  return literals.map((lit) => {
    const body = lit.startsWith('"') ? (JSON.parse(lit) as string) : lit.slice(1, -1);
    const parts = (lit.startsWith('"') ? [body] : body.split(/\$\{[^}]*\}/)).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${parts.join(".+?")}$`);
  });
}

describe("the op registry: every registered node kind has a gradient spec, a formula in its file, and a checked rule", () => {
  it("every registered op has a spec, every spec names a registered op, and OPS holds every built-in by its name", () => {
    expect(names.filter((n) => specs[n] === undefined)).toEqual([]);
    expect(Object.keys(specs).filter((n) => !entries.has(n))).toEqual([]);
    for (const name of Object.keys(OPS) as OpName[]) expect(OPS[name].def.name).toBe(name);
  });

  it("every library node kind is defined in a file named after it in kebab-case (helpers of a family aside)", () => {
    // perturb's node lives in perturb/perturb-op.ts: perturb/perturb.ts would read as the directory's entry.
    const kebab = (n: string) => n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const misnamed = [...registeredOps().keys()]
      .filter((n) => n !== "perturb")
      .filter((n) => specs[n]?.file.split("/").pop() !== `${kebab(n)}.ts`);
    expect(misnamed).toEqual([]);
  });

  describe.each(names)("%s", (name) => {
    const spec = specs[name];
    if (spec === undefined) return; // the first test names it
    const entry = entries.get(name)!;
    const def = entry.def;

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

    // A binary op called with one plain number records a variant of its def (the number is an attribute).
    it.each(entry.variants.map((v) => [v.numberAt, v] as const))("its variant with a number at %s", (at, variant) => {
      const [a] = spec.inputs();
      const call = (x: Tensor): Tensor =>
        (entry.op as (p: Tensor | number, q: Tensor | number) => Tensor)(...((at === 0 ? [0.75, x] : [x, 0.75]) as [Tensor | number, Tensor | number]));
      expect(call(a).node?.def).toBe(variant);
      if (variant.backward === null) expect(grad(call(a).sum(), a, { allowUnused: true })).toBeNull();
      else expect(gradcheck(call, [a])).toBe(true);
    });
  });
});
