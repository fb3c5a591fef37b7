/**
 * Mutation testing of the toolkit: every deliberately wrong rule in mutants.ts must make its property fail and
 * shrink to a small counterexample; every correct twin must pass the same property. The kill rate and the
 * median shrunk size are printed with the results.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { Tensor, grad, tensor } from "../../src/index.ts";
import { MUTANTS, addRowUnreduced } from "./mutants.ts";

const RUNS = 100;
const SEED = 20260101;

/** Every tensor inside a counterexample (tensors, arrays of them, tuples with numbers). */
function tensorsIn(x: unknown): Tensor[] {
  if (x instanceof Tensor) return [x];
  return Array.isArray(x) ? x.flatMap(tensorsIn) : [];
}

interface Outcome {
  readonly name: string;
  readonly killed: boolean;
  readonly size: number;
  readonly shapes: string;
  readonly runs: number;
  readonly shrinks: number;
  readonly error: string;
}

const outcomes: Outcome[] = [];

describe("mutants: every wrong rule is caught and shrunk; every correct twin passes", () => {
  for (const m of MUTANTS) {
    it(`${m.name} (${m.bug}): caught, shrunk to at most 2 along every axis and 4 elements`, () => {
      const details = fc.check(m.property("mutant"), { seed: SEED, numRuns: RUNS });
      const xs = tensorsIn(details.counterexample);
      const size = xs.reduce((n, t) => n + t.size, 0);
      const error = details.errorInstance instanceof Error ? details.errorInstance : null;
      outcomes.push({
        name: m.name,
        killed: details.failed,
        size,
        shapes: xs.map((t) => `[${t.shape.join(",")}]`).join(" "),
        runs: details.numRuns,
        shrinks: details.numShrinks,
        error: error ? `${error.name}: ${error.message.split("\n")[0].slice(0, 110)}` : "",
      });
      expect(details.failed).toBe(true);
      expect(xs.length).toBeGreaterThan(0);
      for (const t of xs) for (const d of t.shape) expect(d).toBeLessThanOrEqual(2);
      expect(size).toBeLessThanOrEqual(4);
    });

    it(`${m.name}: the correct twin passes the same property`, () => {
      fc.assert(m.property("correct"), { seed: SEED, numRuns: RUNS });
    });
  }

  afterAll(() => {
    const killed = outcomes.filter((o) => o.killed).length;
    const sizes = outcomes.map((o) => o.size).sort((a, b) => a - b);
    const mid = sizes.length >> 1;
    const median = sizes.length % 2 ? sizes[mid] : (sizes[mid - 1] + sizes[mid]) / 2;
    const lines = outcomes.map(
      (o) => `  ${o.killed ? "killed" : "SURVIVED"}  ${o.name.padEnd(40)} size ${String(o.size).padStart(2)}  ${o.shapes.padEnd(14)} after ${o.runs} run(s), ${o.shrinks} shrinks  ${o.error}`,
    );
    console.log(
      [`mutation testing: kill rate ${killed}/${outcomes.length} = ${((100 * killed) / Math.max(outcomes.length, 1)).toFixed(0)}%, ` +
        `median shrunk size ${median} elements`, ...lines].join("\n"),
    );
  });
});

describe("an equivalent mutant is not a bug", () => {
  it("returning g unreduced for a row bias b (a + b, b of shape [n]) gives Σᵢ g[i, :], because the tape sums it", () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const b = tensor([0.1, 0.2, 0.3], { requiresGrad: true });
    const w = tensor([[1, 2, 3], [4, 5, 6]]);
    const [, gb] = grad(addRowUnreduced(a, b).mul(w).sum(), [a, b]);
    expect((gb as Tensor).toArray()).toEqual([1 + 4, 2 + 5, 3 + 6]);
  });
});
