/**
 * The graph of a run, drawn with Graphviz (the `Viz` global of @viz-js/viz's classic script, shipped beside the
 * page): every edge carries the id of the node that feeds it (`edge-<path>`), so a click can put a detach there;
 * every node `node-<id>`, so a step can highlight it. With a comparison run, edges whose gradient differs are
 * drawn thick amber in both pictures.
 */
import { childPath } from "../explain/expr/ast.ts";
import type { ExprRun } from "../explain/expr/run.ts";
import { toDot } from "../explain/dot.ts";
import type { ListingRow, TapeListing } from "../explain/listing.ts";
import type { ValueSummary } from "../autograd/introspect.ts";

interface VizInstance {
  renderSVGElement(dot: string): SVGSVGElement;
}
declare const Viz: { instance(): Promise<VizInstance> } | undefined;

let viz: Promise<VizInstance> | null = null;

export function loadViz(): Promise<VizInstance> {
  if (typeof Viz === "undefined") return Promise.reject(new Error("the layout engine (viz-global.js) did not load"));
  viz ??= Viz.instance();
  return viz;
}

/** A listing with every gradient taken out (predict-first mode hides them). */
export function withoutGradients(listing: TapeListing): TapeListing {
  return {
    ...listing,
    traced: false,
    rows: listing.rows.map((r) => ({
      ...r, grad: null, gradNorm: null, inputs: r.inputs.map((i) => ({ ...i, grad: null, gradNorm: null })),
    })),
  };
}

const same = (a: ValueSummary | null, b: ValueSummary | null): boolean =>
  a === null || b === null ? a === b : a.values !== null && b.values !== null && a.values.every((v, i) => Math.abs(v - (b.values as readonly number[])[i]) <= 1e-12 * Math.max(1, Math.abs(v)));

/** "v3:1" for every edge (consumer row id : input index) whose gradient differs between the two listings. */
export function changedEdges(a: TapeListing, b: TapeListing): Set<string> {
  const out = new Set<string>();
  const other = new Map(b.rows.map((r) => [r.id, r]));
  for (const r of a.rows) {
    r.inputs.forEach((input, k) => {
      if (!same(input.grad, other.get(r.id)?.inputs[k]?.grad ?? null)) out.add(`${r.id}:${k}`);
    });
  }
  return out;
}

export interface GraphOptions {
  readonly hideGradients?: boolean;
  readonly changed?: ReadonlySet<string>;
  /** Give edges and nodes their ids (the clickable picture); the comparison picture has none. */
  readonly ids?: boolean;
}

export function dotOf(run: ExprRun, options: GraphOptions = {}): string {
  const listing = options.hideGradients === true ? withoutGradients(run.listing) : run.listing;
  const edgeAttrs = (row: ListingRow, k: number): string[] => {
    const attrs: string[] = [];
    const path = run.pathById.get(row.id);
    if (options.ids === true && path !== undefined) attrs.push(`id="edge-${childPath(path, k)}"`, 'class="clickable"');
    if (options.changed?.has(`${row.id}:${k}`) === true) attrs.push('penwidth="3.5"', 'color="#f59e0b"');
    return attrs;
  };
  return toDot(listing, { edgeAttrs, nodeIds: options.ids === true });
}

/** Lays `dot` out as an SVG element; every edge of the clickable picture gets a wide invisible hit line. */
export async function drawGraph(dot: string, onEdge: ((path: string) => void) | null): Promise<SVGSVGElement> {
  const svg = (await loadViz()).renderSVGElement(dot);
  if (onEdge !== null) {
    for (const g of Array.from(svg.querySelectorAll<SVGGElement>("g.edge[id^='edge-']"))) {
      const path = g.querySelector("path");
      if (path !== null) {
        const hit = path.cloneNode() as SVGPathElement;
        hit.setAttribute("stroke", "transparent");
        hit.setAttribute("stroke-width", "12");
        hit.setAttribute("fill", "none");
        g.appendChild(hit);
      }
      g.style.cursor = "pointer";
      g.addEventListener("click", () => onEdge(g.id.slice("edge-".length)));
    }
  }
  return svg;
}
