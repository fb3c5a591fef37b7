/**
 * Backward, one node at a time, as a learner steps through it: nodes in reverse order of the tape (the output
 * first, the leaves last); at each, the gradient that arrived, the op's local rule with the numbers put in for
 * each input, and the running sums at the nodes still waiting. The last steps are the leaves: their total, or
 * null and why (the detach that every path to the output crosses).
 */
import type { ListingRow, TapeListing } from "../listing.ts";
import { fmt } from "../numbers.ts";
import { whyNull } from "./why.ts";

export interface BackwardStep {
  readonly id: string;
  readonly op: string;
  /** "grad arrived = 1 (seed)", "grad arrived = 0.7875", "null: …". */
  readonly arrived: string;
  /** One line per input: what the rule sends it, with numbers, or why nothing. */
  readonly rule: readonly string[];
  /** The partial sums at the nodes that have received something but not yet been visited. */
  readonly running: readonly string[];
}

const scalar = (r: ListingRow | undefined, key: "value" | "grad"): number | null => {
  const s = r?.[key];
  return s === null || s === undefined || s.values === null ? null : s.values[0];
};

const num = (v: number | null): string => (v === null ? "?" : v < 0 ? `(${fmt(v)})` : fmt(v));

/** The derivative part of an op's formula ("g / b" of "a / b;  ∂a = g / b, ∂b = …") for input `k`. */
function ruleOf(formula: string, k: number, arity: number): string | null {
  const parts = formula.split(";")[1]?.split(/,\s*(?=∂)/) ?? [];
  const part = parts[arity === 1 ? 0 : k] ?? null;
  return part === null ? null : part.replace(/^\s*∂\w+\s*=\s*/, "").trim();
}

function ruleLines(r: ListingRow, byId: ReadonlyMap<string, ListingRow>): string[] {
  const g = scalar(r, "grad");
  const values: Record<string, number | null> = {
    g,
    a: scalar(byId.get(r.inputs[0]?.ref ?? ""), "value"),
    b: scalar(byId.get(r.inputs[1]?.ref ?? ""), "value"),
    x: scalar(byId.get(r.inputs[0]?.ref ?? ""), "value"),
    s: scalar(r, "value"),
  };
  return r.inputs.map((input, k) => {
    const to = `to ${input.ref}`;
    if (input.cut) return `${to}: cut by ${r.op}, nothing sent`;
    const from = byId.get(input.ref);
    if (from?.cuts === true) return `${to}: the output of ${from.op}, a constant to autodiff: nothing sent`;
    if (from !== undefined && !from.requiresGrad) return `${to}: a constant, nothing sent`;
    if (input.grad === null) return `${to}: nothing (no gradient arrived here)`;
    const sent = input.grad.values === null ? `mean ${fmt(input.grad.mean)}` : fmt(input.grad.values[0]);
    const rule = ruleOf(r.formula, k, r.inputs.length);
    if (rule === null) return `${to}: ${sent}`;
    const withNumbers = rule.replace(/\b[gabxs]\b/g, (c) => num(values[c]));
    return withNumbers === sent ? `${to}: ${rule} = ${sent}` : `${to}: ${rule} = ${withNumbers} = ${sent}`;
  });
}

/** Every step of the backward pass of a traced listing, output first. */
export function backwardSteps(listing: TapeListing): BackwardStep[] {
  const byId = new Map(listing.rows.map((r) => [r.id, r]));
  const partial = new Map<string, number[]>();
  const steps: BackwardStep[] = [];
  for (const r of [...listing.rows].reverse()) {
    partial.delete(r.id);
    const g = scalar(r, "grad");
    let arrived: string;
    if (r.id === listing.root) arrived = r.grad === null ? "nothing: the output does not require grad" : `grad = ${num(g)} (seed)`;
    else if (r.grad !== null) arrived = `grad = ${g === null ? `mean ${fmt(r.grad.mean)}` : fmt(g)}`;
    else if (r.kind === "leaf" && r.requiresGrad) arrived = `null: ${whyNull(listing, r.id)}`;
    else if (r.cuts) arrived = `nothing: ${r.op}'s output is a constant to autodiff`;
    else if (!r.requiresGrad) arrived = "a constant: no gradient";
    else arrived = "nothing arrived";
    const rule = r.kind === "op" && (r.grad !== null || r.cuts) ? ruleLines(r, byId) : [];
    for (const input of r.inputs) {
      const v = input.grad?.values?.[0];
      if (v !== undefined) partial.set(input.ref, [...(partial.get(input.ref) ?? []), v]);
    }
    const running = [...partial].map(([id, vs]) => `${id}: ${vs.map(num).join(" + ")} = ${fmt(vs.reduce((s, v) => s + v, 0))} so far`);
    steps.push({ id: r.id, op: r.kind === "leaf" ? (r.requiresGrad ? "leaf" : "constant") : r.op, arrived, rule, running });
  }
  return steps;
}
