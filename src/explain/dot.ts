/**
 * A tape listing as a Graphviz DOT graph: leaves as ellipses (parameters blue, constants grey), ops as boxes,
 * `detach` orange with the edge it cuts drawn dashed red, the listed tensor with a double border. After a traced
 * backward every edge that carried a gradient is labelled with the signed gradient it carried (one that carried
 * none is dotted), and every node with the gradient that arrived, written as the sum of its edges' numbers when
 * there are several, so the numbers of a picture add up. A leaf that no gradient reached says "null: no path".
 * Labels are ASCII (Graphviz measures only ASCII text reliably); the legend is drawn outside the graph.
 */
import { TapegradError } from "../autograd/errors.ts";
import type { ValueSummary } from "../autograd/introspect.ts";
import { arrivals, sumText, type ListingRow, type TapeListing } from "./listing.ts";
import { fmt, shapeText, signedText } from "./numbers.ts";

/** Above this many nodes a graph is summarised instead of drawn: the layout would take minutes. */
export const MAX_DRAWN_NODES = 2000;

/** A graph too large to draw; the message summarises it by op. */
export class GraphTooLargeError extends TapegradError {
  override name = "GraphTooLargeError";
}

export interface DotOptions {
  /** Written as a comment in the DOT (the SVG and the HTML show it outside the graph). */
  readonly title?: string;
  /**
   * Extra attributes of the edge into `row` from its `index`-th input (an id the page clicks, a highlight), or
   * null for none.
   */
  readonly edgeAttrs?: (row: ListingRow, index: number) => readonly string[] | null;
  /** Give each node the SVG id `node-<row id>`. */
  readonly nodeIds?: boolean;
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
  return r.value !== null && r.value.size === 1 && r.value.values !== null ? ` = ${fmt(r.value.values[0])}` : "";
}

/** "w [2, 3]" for a tensor, "x" for a scalar (its value follows as "x = 1.5"). */
function nameLine(r: ListingRow, name: string): string {
  return r.shape.length === 0 ? name : `${name} ${shapeText(r.shape)}`;
}

/** The gradient line of a node: the sum of what its edges sent written out, the seed at the root, or null. */
function gradLine(r: ListingRow, root: boolean, terms: readonly ValueSummary[], traced: boolean): string {
  if (r.grad === null) return traced && r.kind === "leaf" && r.requiresGrad ? "\nnull: no path" : "";
  if (root) return `\ngrad = ${signedText(r.grad)} (seed)`;
  return `\ngrad = ${sumText(terms, r.grad) ?? signedText(r.grad)}`;
}

function nodeAttrs(r: ListingRow, root: boolean, terms: readonly ValueSummary[], traced: boolean): string {
  const name = r.label !== null && r.label !== r.id ? `${r.label} (${r.id})` : r.id;
  const grad = gradLine(r, root, terms, traced);
  const attrs: Record<string, string> = {};
  if (r.kind === "leaf") {
    attrs.shape = "ellipse";
    attrs.label = `${nameLine(r, name)}${valueText(r)}${grad}`;
    attrs.fillcolor = r.requiresGrad ? "#dbeafe" : "#f1f1f1";
    attrs.color = r.requiresGrad ? "#1d4ed8" : "#9ca3af";
    if (!r.requiresGrad) attrs.fontcolor = "#4b5563";
    if (grad.includes("null")) Object.assign(attrs, { style: "filled,dashed", color: "#dc2626", fillcolor: "#fef2f2" });
    // A constant that is a detach's output (the recorded gradient of x*sg(x) holds sg(x) as a leaf): drawn as the
    // detach it is, so the cut stays visible at the second order.
    if (!r.requiresGrad && r.label !== null && /^(sg|detach)\(/.test(r.label)) {
      Object.assign(attrs, { shape: "box", style: "rounded,filled,dashed", fillcolor: "#fed7aa", color: "#c2410c", fontcolor: "#111827" });
      attrs.label += "\ndetach output: a constant at every order";
    }
  } else {
    attrs.shape = "box";
    attrs.style = "rounded,filled";
    const tag = r.op === "detach" ? "detach (sg)" : r.op;
    attrs.label = `${name} = ${tag}${r.shape.length === 0 ? "" : `\n${shapeText(r.shape)}`}${valueText(r)}${grad}`;
    attrs.fillcolor = r.cuts ? "#fed7aa" : r.requiresGrad ? "#ffffff" : "#f1f1f1";
    attrs.color = r.cuts ? "#c2410c" : "#374151";
  }
  if (root) attrs.peripheries = "2";
  return Object.entries(attrs)
    .map(([k, v]) => `${k}=${quote(ascii(v))}`)
    .join(", ");
}

function edgeAttrs(from: ListingRow | undefined, input: ListingRow["inputs"][number], traced: boolean): string[] {
  if (input.cut) {
    return ['style="dashed"', 'color="#dc2626"', 'fontcolor="#dc2626"', 'penwidth="1.6"', 'label=" cut: no grad"', 'arrowhead="tee"'];
  }
  const attrs: string[] = [];
  if (from !== undefined && !from.requiresGrad) attrs.push('color="#9ca3af"');
  // A differentiable edge that carried nothing in the traced pass (its consumer got no gradient): dotted.
  else if (traced && input.grad === null) attrs.push('color="#9ca3af"', 'style="dotted"');
  if (input.grad !== null) attrs.push(`label=${quote(` ${signedText(input.grad)}`)}`, 'fontcolor="#15803d"');
  return attrs;
}

/**
 * The legend and colour key of a drawn listing, as lines: laid out outside the graph (below the SVG, or in the
 * HTML around it) so that no font's metrics can clip them.
 */
export function dotLegend(listing: TapeListing): string[] {
  const lines = ["arrows point forward (how the value was computed); gradients flow back against them"];
  if (listing.traced) {
    lines.push(
      "green number on an edge: the gradient sent back along it; grad in a node: the sum of the numbers on its outgoing edges",
      "dotted edge: carried no gradient; dashed red leaf \"null: no path\": no gradient reached it (not a zero)",
    );
  }
  lines.push("blue: a leaf that requires grad; grey: a constant; orange: detach (sg)");
  if (listing.cutEdges.length > 0) lines.push("red dashed edge: cut by detach, no gradient crosses it");
  return lines;
}

/** The DOT text of a listing. Throws GraphTooLargeError above `maxNodes` nodes. */
export function toDot(listing: TapeListing, options: DotOptions = {}): string {
  checkDrawable(listing, options.maxNodes);
  const ids = new Map<string, string>();
  listing.rows.forEach((r, i) => ids.set(r.id, `n${i}`));
  const byId = new Map(listing.rows.map((r) => [r.id, r]));
  const terms = arrivals(listing);
  const lines = [
    "digraph tape {",
    ...(options.title === undefined ? [] : [`  // ${ascii(options.title).replace(/\n/g, " ")}`]),
    '  graph [rankdir="TB", fontname="Helvetica", fontsize="12", nodesep="0.3", ranksep="0.35"];',
    '  node [fontname="Helvetica", fontsize="10", style="filled", margin="0.08,0.04"];',
    '  edge [fontname="Helvetica", fontsize="9", color="#374151", arrowsize="0.7"];',
  ];
  for (const r of listing.rows) {
    const id = options.nodeIds === true ? `, id=${quote(`node-${r.id}`)}` : "";
    lines.push(`  ${ids.get(r.id)} [${nodeAttrs(r, r.id === listing.root, terms.get(r.id) ?? [], listing.traced)}${id}];`);
  }
  for (const r of listing.rows) {
    r.inputs.forEach((input, k) => {
      const attrs = [...edgeAttrs(byId.get(input.ref), input, listing.traced), ...(options.edgeAttrs?.(r, k) ?? [])];
      lines.push(`  ${ids.get(input.ref)} -> ${ids.get(r.id)}${attrs.length === 0 ? "" : ` [${attrs.join(", ")}]`};`);
    });
  }
  lines.push("}");
  return lines.join("\n");
}
