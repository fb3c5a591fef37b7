/**
 * Bad input, driven at random: sequences of op calls on a pool of tensors of random shapes and dtypes, with
 * arguments that are often incompatible (wrong ranks, bad axes, shapes that do not broadcast, bad reshape sizes,
 * out-of-range indices) or not what the op takes at all (strings, arrays, undefined, NaN, objects).
 *
 * For every call, bad-input-calls.ts predicts from the op's documented rule either the result's shape or that
 * the call is invalid. Then:
 *   - a call predicted valid must succeed with exactly that shape (and the dtype of the promotion rule);
 *   - a call predicted invalid must throw one of the engine's errors (a TapegradError), never a TypeError or
 *     RangeError from deep inside, with a message that starts with the op's name and names a shape or value
 *     involved.
 * Successful results join the pool, so later calls chain on them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TapegradError } from "../../src/autograd/errors.ts";
import { Tensor } from "../../src/autograd/tensor.ts";
import { CALLS, fmt, leafArb, makeCall, materialArb, numel, type Call } from "./bad-input-calls.ts";

function describeArg(a: unknown): string {
  if (a instanceof Tensor) return `Tensor${fmt(a.shape)}:${a.dtype}`;
  if (Array.isArray(a)) return `[${a.map(describeArg).join(", ")}]`;
  return typeof a === "number" ? String(a) : (JSON.stringify(a) ?? String(a));
}

/** True when the message names some argument: a tensor's shape, or a non-tensor's value or kind. */
function namesAnArgument(message: string, args: readonly unknown[]): boolean {
  return args.some((a) => {
    if (a instanceof Tensor) return message.includes(fmt(a.shape));
    if (Array.isArray(a)) {
      return a.some((e) => namesAnArgument(message, [e])) || /array/.test(message) || message.includes(describeArg(a));
    }
    if (typeof a === "number") return message.includes(String(a));
    if (typeof a === "string") return message.includes(a) || message.includes("string");
    return message.includes(String(a)) || message.includes(typeof a) || /object/i.test(message);
  });
}

/** Runs one call and checks it against its prediction; returns its result when it is a tensor. */
function check(c: Call, what: string): Tensor | null {
  let result: unknown;
  try {
    result = c.run();
  } catch (error) {
    if (!(error instanceof TapegradError)) {
      expect.fail(`${what} threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
    }
    const message = error.message;
    if (c.predict !== "invalid") expect.fail(`${what} should give ${JSON.stringify(c.predict)}, threw: ${message}`);
    if (!c.names.some((n) => message.startsWith(`${n}:`))) {
      expect.fail(`${what}: message does not start with the op: ${message}`);
    }
    if (!namesAnArgument(message, c.args)) expect.fail(`${what}: message names no argument: ${message}`);
    return null;
  }
  if (c.predict === "void") return null;
  if (c.predict === "invalid") expect.fail(`${what} should have thrown, gave ${describeArg(result)}`);
  if (!(result instanceof Tensor)) expect.fail(`${what} gave ${describeArg(result)}, not a Tensor`);
  const t = result as Tensor;
  expect([...t.shape], what).toEqual([...c.predict.shape]);
  expect(t.size, what).toBe(numel(t.shape));
  if (c.predict.dtype !== undefined) expect(t.dtype, what).toBe(c.predict.dtype);
  return t;
}

const leavesArb = fc.array(leafArb, { minLength: 2, maxLength: 4 });
const callsArb = fc.array(materialArb, { minLength: 1, maxLength: 12 });

describe(`bad input, at random, over ${Object.keys(CALLS).length} ops`, () => {
  it("every call gives the shape its rule predicts, or throws a TapegradError naming the op and an argument", () => {
    fc.assert(
      fc.property(leavesArb, callsArb, (leaves, calls) => {
        const pool: Tensor[] = [...leaves];
        for (const m of calls) {
          const c = makeCall(m, pool);
          const t = check(c, `${m.op}(${c.args.map(describeArg).join(", ")})`);
          if (t !== null) pool.push(t);
        }
      }),
      { numRuns: 600 },
    );
  });

  it("is not vacuous: over many calls both outcomes occur, for every op", () => {
    const outcomes = new Map<string, Set<string>>();
    fc.assert(
      fc.property(leavesArb, callsArb, (leaves, calls) => {
        const pool: Tensor[] = [...leaves];
        for (const m of calls) {
          const c = makeCall(m, pool);
          const seen = outcomes.get(m.op) ?? new Set<string>();
          seen.add(c.predict === "invalid" ? "invalid" : "valid");
          outcomes.set(m.op, seen);
          const t = check(c, m.op);
          if (t !== null) pool.push(t);
        }
      }),
      { numRuns: 1500, seed: 7 },
    );
    for (const op of Object.keys(CALLS)) {
      expect([op, [...(outcomes.get(op) ?? [])].sort()]).toEqual([op, ["invalid", "valid"]]);
    }
  });
});
