/**
 * Replays the PyTorch 1.13 float64 reference corpus through tapegrad's public API: every op output, every
 * first-order gradient (null exactly where PyTorch gives None), the double-backward results, and the corpus's
 * identities between programs.
 */
import { describe, expect, it } from "vitest";
import type { Tensor } from "../../src/index.ts";
import { loadCorpus, type Case, type ExpectedGrads, type Identity } from "./corpus.ts";
import { mismatch, type Tolerance } from "./close.ts";
import { interpret, type Replay } from "./interpret.ts";

const corpus = loadCorpus();
// The corpus's own tolerances: float64 has ε ≈ 1.1e-16, and a program of a few dozen ops over small tensors
// accumulates rounding of order 1e-14 relative (more where a sum cancels), so rtol 1e-9 leaves room for a
// different summation order and conditioning, but not for a wrong rule; atol 1e-12 covers values that cancel
// to about zero. They are pinned below so they cannot be loosened by editing the fixture.
const tol: Tolerance = corpus.tolerances;

function checkGrads(
  what: string,
  actual: ReadonlyMap<string, Tensor | null>,
  expected: ExpectedGrads,
  problems: string[],
): void {
  const names = Object.keys(expected);
  if ([...actual.keys()].sort().join() !== [...names].sort().join()) {
    problems.push(`${what}: gradients for [${[...actual.keys()]}], expected [${names}]`);
  }
  for (const name of names) {
    const e = expected[name];
    const a = actual.get(name) ?? null;
    if (e === null || a === null) {
      if (e !== a) problems.push(`${what} ${name}: ${a === null ? "null" : "a tensor"}, expected ${e === null ? "null" : "a tensor"}`);
      continue;
    }
    const m = mismatch(a, e, tol);
    if (m !== null) problems.push(`${what} ${name}: ${m}`);
  }
}

/** Every disagreement between a replay and PyTorch's results, as messages. */
function compare({ program, expected }: Case, replay: Replay): string[] {
  const problems: string[] = [];
  for (const op of program.ops) {
    const e = expected.values[op.out];
    const a = replay.values.get(op.out);
    if (e === undefined || a === undefined) {
      problems.push(`value ${op.out}: missing`);
      continue;
    }
    const m = mismatch(a, e, tol);
    if (m !== null) problems.push(`value ${op.out} (${op.op}): ${m}`);
  }
  checkGrads("grad", replay.grads, expected.grads, problems);
  const db = expected.double_backward;
  if (db !== undefined) {
    if (replay.doubleBackward === null) {
      problems.push("double backward: not run");
    } else {
      const m = mismatch({ shape: [], data: [replay.doubleBackward.s] }, { shape: [], data: [db.s] }, tol);
      if (m !== null) problems.push(`double backward s: ${m}`);
      checkGrads("double backward grad", replay.doubleBackward.grads, db.grads, problems);
    }
  }
  return problems;
}

const replays = new Map<string, Replay>();
function replayOf(id: string): Replay {
  const found = replays.get(id);
  if (found !== undefined) return found;
  const c = corpus.cases.find((k) => k.program.id === id);
  if (c === undefined) throw new Error(`no program '${id}' in the corpus`);
  const replay = interpret(c.program);
  replays.set(id, replay);
  return replay;
}

describe("PyTorch reference corpus", () => {
  it("holds 321 programs, all valid, with tolerances rtol 1e-9 and atol 1e-12", () => {
    expect(corpus.cases.length).toBe(321);
    expect(corpus.counts.programs).toBe(321);
    expect(corpus.cases.every((c) => c.expected.ok)).toBe(true);
    expect(tol).toEqual({ rtol: 1e-9, atol: 1e-12 });
    expect(corpus.identities.length).toBe(18);
  });

  describe.each(["canonical", "random", "mlp", "perturb"])("family %s", (family) => {
    const cases = corpus.cases.filter((c) => c.program.family === family);
    it.each(cases.map((c) => [`${c.program.id} [${c.program.tags.join(" ")}]`, c] as const))(
      "%s: values, gradients and double backward match PyTorch",
      (_name, c) => {
        const replay = replayOf(c.program.id);
        expect(compare(c, replay)).toEqual([]);
        // Something real was compared: every op output, and every requires_grad input's gradient slot.
        expect(replay.values.size).toBe(c.program.ops.length);
        expect(replay.grads.size).toBe(Object.keys(c.expected.grads).length);
      },
    );
  });
});

function gradsAt(id: string, order: 1 | 2): ReadonlyMap<string, Tensor | null> {
  const r = replayOf(id);
  if (order === 1) return r.grads;
  if (r.doubleBackward === null) throw new Error(`program '${id}' has no double backward`);
  return r.doubleBackward.grads;
}

function present(map: ReadonlyMap<string, Tensor | null>, name: string): Tensor {
  const g = map.get(name);
  if (g === undefined || g === null) throw new Error(`no gradient for '${name}'`);
  return g;
}

function inputData(id: string, name: string): Float64Array {
  const c = corpus.cases.find((k) => k.program.id === id);
  const input = c?.program.inputs.find((i) => i.name === name);
  if (input === undefined) throw new Error(`no input '${name}' in '${id}'`);
  return Float64Array.from(input.data, Number);
}

/** The identity, checked on tapegrad's own results (not on PyTorch's). */
function checkIdentity(identity: Identity): string[] {
  const problems: string[] = [];
  const like = (what: string, a: Tensor, shape: readonly number[], data: ArrayLike<number>) => {
    const m = mismatch(a, { shape, data: Array.from(data) }, tol);
    if (m !== null) problems.push(`${what}: ${m}`);
  };
  switch (identity.kind) {
    case "grads_scaled":
    case "grads_equal": {
      const factor = identity.kind === "grads_scaled" ? identity.factor : 1;
      const got = gradsAt(identity.program, identity.order);
      const ref = gradsAt(identity.reference, identity.order);
      for (const name of identity.inputs) {
        const r = present(ref, name);
        like(name, present(got, name), r.shape, Array.from(r.data, (v) => factor * v));
      }
      break;
    }
    case "grads_none":
      for (const name of identity.inputs) if (gradsAt(identity.program, 1).get(name) !== null) problems.push(`${name} has a gradient`);
      break;
    case "grads_zero":
      for (const name of identity.inputs) {
        const g = present(gradsAt(identity.program, 1), name);
        if (!g.data.every((v) => v === 0)) problems.push(`${name}: [${Array.from(g.data)}] is not all zeros`);
      }
      break;
    case "grads_value": {
      const w = inputData(identity.program, identity.equals_input);
      const g = present(gradsAt(identity.program, 1), identity.input);
      like(identity.input, g, g.shape, w);
      break;
    }
  }
  return problems;
}

describe("corpus identities, on tapegrad's own gradients", () => {
  it.each(corpus.identities.map((i) => [`${i.kind} ${i.program}: ${i.description}`, i] as const))("%s", (_n, identity) => {
    expect(checkIdentity(identity)).toEqual([]);
  });
});
