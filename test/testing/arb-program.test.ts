import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { grad, gradcheck, gradgradcheck } from "../../src/index.ts";
import { sameShape } from "../../src/autograd/shape.ts";
import { arbProgram, arbProgramCase, skipNonDifferentiable, type Program } from "../../src/testing/index.ts";

/** Leaves with a path to the output that passes through no detach (and not through a where condition). */
function connected(p: Program): boolean[] {
  const n = p.leaves.length;
  const live = new Array<boolean>(p.shapes.length).fill(false);
  live[p.shapes.length - 1] = true;
  for (let k = p.steps.length - 1; k >= 0; k--) {
    if (!live[n + k]) continue;
    const s = p.steps[k];
    const refs = s.kind === "unary" || s.kind === "axis" ? [s.x] : s.kind === "binary" ? [s.a, s.b] : s.kind === "where" ? [s.a, s.b] : [s.x, { value: s.w, detach: false }];
    for (const r of refs) if (!r.detach) live[r.value] = true;
  }
  return live.slice(0, n);
}

describe("arbProgram: random well-typed programs", () => {
  it("every program runs on its leaves, to a finite output of its declared shape", () => {
    fc.assert(
      fc.property(arbProgramCase(), ({ program, inputs }) => {
        const y = program.run(...inputs);
        expect(sameShape(y.shape, program.outputShape)).toBe(true);
        for (const v of y.data) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("draws every op, broadcasting between leaves of different shapes, and detaches", () => {
    const programs = fc.sample(arbProgram(), { seed: 11, numRuns: 400 });
    const used = new Set(programs.flatMap((p) => p.steps.map((s) => ("op" in s ? s.op : s.kind))));
    expect(used.size).toBe(22);
    expect(programs.some((p) => p.leaves.some((s) => !sameShape(s, p.leaves[0])))).toBe(true);
    expect(programs.some((p) => p.toString().includes("sg("))).toBe(true);
  });

  it("draws only the ops it is given", () => {
    const programs = fc.sample(arbProgram({ ops: ["mul", "tanh"] }), { seed: 12, numRuns: 50 });
    for (const p of programs) for (const s of p.steps) expect(["mul", "tanh"]).toContain("op" in s ? s.op : s.kind);
  });

  it("shrinks to the one step that matters", () => {
    const details = fc.check(fc.property(arbProgram(), (p) => !p.steps.some((s) => s.kind === "matmul")), { seed: 13 });
    const [p] = details.counterexample as [Program];
    expect(p.steps).toHaveLength(1);
    expect(p.toString()).toBe(["(x0: [1, 1], x1: [1, 1]) => {", "  v0 = matmul(x0, x1)  // [1, 1]", "  return v0", "}"].join("\n"));
  });
});

describe("the engine on random programs", () => {
  it("backward equals central differences of the program with detached values frozen (gradcheck)", () => {
    fc.assert(
      fc.property(arbProgramCase(), ({ program, inputs }) => skipNonDifferentiable(() => gradcheck(program.frozenAt(inputs), inputs))),
      { numRuns: 200 },
    );
  });

  it("so do second derivatives (gradgradcheck)", () => {
    fc.assert(
      fc.property(arbProgramCase({ maxSteps: 4 }), ({ program, inputs }) =>
        skipNonDifferentiable(() => gradgradcheck(program.frozenAt(inputs), inputs)),
      ),
      { numRuns: 80 },
    );
  });

  it("a leaf gets a gradient (possibly zero) exactly when some path to the output avoids detach", () => {
    fc.assert(
      fc.property(arbProgramCase(), ({ program, inputs }) => {
        const y = program.run(...inputs);
        const gs = grad(y.sum(), inputs, { allowUnused: true });
        expect(gs.map((g) => g !== null)).toEqual(connected(program));
      }),
      { numRuns: 300 },
    );
  });
});
