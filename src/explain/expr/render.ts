/**
 * An expression's run as terminal text: the expression and its leaf values, the output's value, the tape listing
 * with every signed gradient, and each leaf's gradient (null, with why). `compareLines` sets the same expression
 * with every detach taken off beside it, in the same listing layout, and names the edges whose gradient changed.
 */
import { renderListing, type TapeListing } from "../listing.ts";
import { fmt, signedText } from "../numbers.ts";
import { printExpr } from "./print.ts";
import type { ExprRun } from "./run.ts";
import { whyNull } from "./why.ts";

export interface ExprTextOptions {
  readonly color?: boolean;
}

const gradText = (g: number | null): string => (g === null ? "null" : String(g));

/** "x: grad = 0.5" or "x: null: every path to the output crosses v3 → detach". */
export function whyLine(run: ExprRun, leaf: string): string {
  const g = run.grads.get(leaf);
  if (g === undefined) return `${leaf}: not a leaf of ${printExpr(run.expr)} (its leaves: ${run.names.join(", ")})`;
  if (g !== null) return `${leaf}: grad = ${g}: ${whyNull(run.listing, leaf)}`;
  return `${leaf}: null: ${whyNull(run.listing, leaf)}`;
}

export function renderExprRun(run: ExprRun, values: Readonly<Record<string, number>>, options: ExprTextOptions = {}): string[] {
  const given = run.names.map((n) => `${n} = ${values[n]}`).join(", ");
  const lines = [`expression: ${printExpr(run.expr)}${given === "" ? "" : `   with ${given}`}`, `value = ${run.value}`, ""];
  for (const l of renderListing(run.listing, { color: options.color })) lines.push("  " + l);
  lines.push("", "gradients of the output (null: no path carries gradient to the leaf; 0 is a number)");
  for (const n of run.names) {
    const g = run.grads.get(n) ?? null;
    lines.push(`  ∂out/∂${n} = ${gradText(g)}${g === null ? `   (${whyNull(run.listing, n)})` : ""}`);
  }
  return lines;
}

/** Every edge "from → to" whose gradient differs between the two listings (same rows: same ids). */
function changed(a: TapeListing, b: TapeListing): string[] {
  const other = new Map(b.rows.map((r) => [r.id, r]));
  const out: string[] = [];
  for (const r of a.rows) {
    r.inputs.forEach((input, k) => {
      const ga = input.grad;
      const gb = other.get(r.id)?.inputs[k]?.grad ?? null;
      const text = (g: typeof ga): string => (g === null ? "none" : signedText(g));
      if (text(ga) !== text(gb)) out.push(`${input.ref} → ${r.id}: ${text(ga)} with detach, ${text(gb)} without`);
    });
  }
  return out;
}

export function compareLines(withDetach: ExprRun, without: ExprRun, options: ExprTextOptions = {}): string[] {
  const lines = ["", "without detach (every sg taken off; same nodes, same layout)", ""];
  for (const l of renderListing(without.listing, { color: options.color })) lines.push("  " + l);
  lines.push("", "gradients            with detach     without");
  for (const n of withDetach.names) {
    const a = gradText(withDetach.grads.get(n) ?? null);
    const b = gradText(without.grads.get(n) ?? null);
    lines.push(`  ∂out/∂${n.padEnd(12)} ${a.padEnd(15)} ${b}${a === b ? "" : "   ← changed"}`);
  }
  const edges = changed(withDetach.listing, without.listing);
  lines.push("", edges.length === 0 ? "no edge's gradient changed" : `edges whose gradient changed (${edges.length}):`);
  for (const e of edges) lines.push(`  * ${e}`);
  lines.push(`value with and without: ${fmt(withDetach.value)} = ${fmt(without.value)} (a detach never changes a value)`);
  return lines;
}
