/**
 * A tape listing as a Graphviz DOT graph: leaves as ellipses (parameters blue, constants grey), ops as boxes,
 * `detach` orange with the edge it cuts drawn dashed red, the listed tensor with a double border. After a traced
 * backward every edge that carried a gradient is labelled with its magnitude ‖g‖ (one that carried none is
 * dotted), and every node with the ‖g‖ that arrived. Labels are ASCII (Graphviz measures only ASCII text reliably).
 */
import { TapegradError } from "../autograd/errors.ts";
import type { ListingRow, TapeListing } from "./listing.ts";
import { fmt, shapeText } from "./numbers.ts";

/** Above this many nodes a graph is summarised instead of drawn: the layout would take minutes. */
export const MAX_DRAWN_NODES = 2000;

/** A graph too large to draw; the message summarises it by op. */
export class GraphTooLargeError extends TapegradError {
  override name = "GraphTooLargeError";
}

export interface DotOptions {
  /** Shown above the graph. */
  readonly title?: string;
  /** Refuse graphs with more nodes than this (default MAX_DRAWN_NODES). */
  readonly maxNodes?: number;
}

/** "1204 matmul, 1204 add, 602 relu, …": the ops of a listing, most frequent first. */
export function opCounts(listing: TapeListing): string {
  const counts = new Map<string, number>();
  for (const r of listing.rows) counts.set(r.op, (counts.get(r.op) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([op, n]) => `${n} ${op}`)
    .join(", ");
}

/** Throws GraphTooLargeError when the listing has more than `maxNodes` rows. */
export function checkDrawable(listing: TapeListing, maxNodes = MAX_DRAWN_NODES): void {
  if (listing.rows.length > maxNodes) {
    throw new GraphTooLargeError(
      `the graph has ${listing.rows.length} nodes (${opCounts(listing)}), more than the ${maxNodes} that can be ` +
        `drawn in reasonable time; draw a smaller model (fewer layers or steps), or read its tape listing instead`,
    );
  }
}

/** A DOT string literal. */
function quote(s: string): string {
  return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

const ASCII: Readonly<Record<string, string>> = {
  "\u0303": "~", "ᵢ": "_i", "·": "*", "∇": "grad ", "²": "^2", "−": "-", "‖": "|", "…": "...", "→": "->",
};

/** ASCII only: Graphviz sizes boxes from ASCII font metrics (L̃ becomes L~, ∇ grad, · *). */
function ascii(s: string): string {
  return s.replace(/[^\x20-\x7e\n]/gu, (c) => ASCII[c] ?? "?");
}

function valueText(r: ListingRow): string {
  const v = r.value;
  return v.size === 1 && v.values !== null ? ` = ${fmt(v.values[0])}` : "";
}

function nodeAttrs(r: ListingRow, root: boolean): string {
  const name = r.label !== null && r.label !== r.id ? `${r.label} (${r.id})` : r.id;
  const gradLine = r.gradNorm !== null ? `\n|grad| ${fmt(r.gradNorm)}` : "";
  const attrs: Record<string, string> = {};
  if (r.kind === "leaf") {
    attrs.shape = "ellipse";
    attrs.label = `${name}\n${shapeText(r.shape)}${valueText(r)}${gradLine}`;
    attrs.fillcolor = r.requiresGrad ? "#dbeafe" : "#f1f1f1";
    attrs.color = r.requiresGrad ? "#1d4ed8" : "#9ca3af";
    if (!r.requiresGrad) attrs.fontcolor = "#4b5563";
  } else {
    attrs.shape = "box";
    attrs.style = "rounded,filled";
    const tag = r.op === "detach" ? "detach (sg)" : r.op;
    attrs.label = `${name} = ${tag}\n${shapeText(r.shape)}${valueText(r)}${gradLine}`;
    attrs.fillcolor = r.cuts ? "#fed7aa" : r.requiresGrad ? "#ffffff" : "#f1f1f1";
    attrs.color = r.cuts ? "#c2410c" : "#374151";
  }
  if (root) attrs.peripheries = "2";
  return Object.entries(attrs)
    .map(([k, v]) => `${k}=${quote(ascii(v))}`)
    .join(", ");
}

function edgeAttrs(from: ListingRow | undefined, input: ListingRow["inputs"][number], traced: boolean): string {
  if (input.cut) {
    return (
      'style="dashed", color="#dc2626", fontcolor="#dc2626", penwidth="1.6", label=" cut: no grad", ' +
      'arrowhead="tee"'
    );
  }
  const attrs: string[] = [];
  if (from !== undefined && !from.requiresGrad) attrs.push('color="#9ca3af"');
  // A differentiable edge that carried nothing in the traced pass (its consumer got no gradient): dotted.
  else if (traced && input.gradNorm === null) attrs.push('color="#9ca3af"', 'style="dotted"');
  if (input.gradNorm !== null) attrs.push(`label=${quote(` |g| ${fmt(input.gradNorm)}`)}`, 'fontcolor="#15803d"');
  return attrs.join(", ");
}

/** The DOT text of a listing. Throws GraphTooLargeError above `maxNodes` nodes. */
export function toDot(listing: TapeListing, options: DotOptions = {}): string {
  checkDrawable(listing, options.maxNodes);
  const ids = new Map<string, string>();
  listing.rows.forEach((r, i) => ids.set(r.id, `n${i}`));
  const byId = new Map(listing.rows.map((r) => [r.id, r]));
  const legend = listing.traced ? "edge labels: |g| of the gradient sent back along the edge (dotted: none)" : "";
  const cut = listing.cutEdges.length > 0 ? "red dashed: cut by detach, no gradient crosses" : "";
  const notes = [legend, cut].filter((s) => s !== "").join("; ");
  const title = [options.title ?? "", notes].filter((s) => s !== "").join("\n");
  const lines = [
    "digraph tape {",
    '  graph [rankdir="TB", fontname="Helvetica", fontsize="12", nodesep="0.3", ranksep="0.35"' +
      (title === "" ? "" : `, label=${quote(ascii(title))}, labelloc="t"`) +
      "];",
    '  node [fontname="Helvetica", fontsize="10", style="filled", margin="0.08,0.04"];',
    '  edge [fontname="Helvetica", fontsize="9", color="#374151", arrowsize="0.7"];',
  ];
  for (const r of listing.rows) lines.push(`  ${ids.get(r.id)} [${nodeAttrs(r, r.id === listing.root)}];`);
  for (const r of listing.rows) {
    for (const input of r.inputs) {
      const attrs = edgeAttrs(byId.get(input.ref), input, listing.traced);
      lines.push(`  ${ids.get(input.ref)} -> ${ids.get(r.id)}${attrs === "" ? "" : ` [${attrs}]`};`);
    }
  }
  lines.push("}");
  return lines.join("\n");
}
