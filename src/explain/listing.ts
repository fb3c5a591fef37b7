/**
 * The tape listing: a tensor's graph as a Wengert list, one row per tensor (leaves first, then every op in
 * execution order), with its shape, its values in brief and, after a traced backward, the gradient that arrived.
 * Rows of `detach` (and comparisons) and the edges they cut are marked. `listTape` returns the rows as data;
 * `renderListing` lays them out as text, in colour when asked.
 */
import { cutEdges, tapeOf, tapeTensors, type CutEdge, type ValueSummary } from "../autograd/introspect.ts";
import type { Tensor } from "../autograd/tensor.ts";
import { fmt, norm, shapeText, snapZero, summarizeValues, summaryText, visible } from "./numbers.ts";
import type { GradientTrace } from "./trace.ts";

export interface ListingInput {
  /** The id of the row that holds this input. */
  readonly ref: string;
  /** The edge is cut: the op has no derivative and the input requires grad. */
  readonly cut: boolean;
  /** ‖gradient‖ this op passed on along the edge in the traced pass, or null if none. */
  readonly gradNorm: number | null;
  /** The gradient itself (signed), or null if none. */
  readonly grad: ValueSummary | null;
}

export interface ListingRow {
  readonly id: string;
  readonly kind: "leaf" | "op";
  /** The op's name, or "leaf". */
  readonly op: string;
  readonly formula: string;
  readonly label: string | null;
  readonly inputs: readonly ListingInput[];
  readonly shape: readonly number[];
  readonly requiresGrad: boolean;
  /** null where the graph keeps only the shape (see `TapeEntry.value`). */
  readonly value: ValueSummary | null;
  /** The gradient that arrived here (from the trace, else the tensor's `.grad`), or null. */
  readonly grad: ValueSummary | null;
  readonly gradNorm: number | null;
  /** This op cut at least one edge (detach, a comparison). */
  readonly cuts: boolean;
}

export interface TapeListing {
  readonly rows: readonly ListingRow[];
  readonly cutEdges: readonly CutEdge[];
  /** The id of the row of the listed tensor. */
  readonly root: string;
  /** Whether a gradient trace was available (the grad column means something). */
  readonly traced: boolean;
}

/** The listing of `root`'s graph; with `trace`, the gradients of that traced pass. */
export function listTape(root: Tensor, trace: GradientTrace | null = null): TapeListing {
  const entries = tapeOf(root);
  const tensors = tapeTensors(root);
  const rows: ListingRow[] = entries.map((e) => {
    const t = tensors.get(e.id) ?? null;
    const arrived = t !== null && trace !== null ? trace.received(t) : null;
    const passed = t !== null && t.node !== null && trace !== null ? trace.passed(t.node) : null;
    const grad = arrived !== null ? summarizeValues(arrived.data) : e.grad;
    const gradTensor = arrived ?? (t !== null && e.grad !== null ? t.grad : null);
    return {
      id: e.id,
      kind: e.kind,
      op: e.op,
      formula: e.formula,
      label: e.label,
      inputs: e.inputs.map((input, i) => {
        const g = passed?.[i] ?? null;
        return {
          ref: input.ref, cut: input.cut, gradNorm: g === null ? null : norm(g.data), grad: g === null ? null : summarizeValues(g.data),
        };
      }),
      shape: e.shape,
      requiresGrad: e.requiresGrad,
      value: t !== null && !t._isEdge ? summarizeValues(t.data) : e.value,
      grad,
      gradNorm: gradTensor === null ? null : norm(gradTensor.data),
      cuts: e.inputs.some((input) => input.cut),
    };
  });
  const rootRow = root.node === null ? entries[0] : entries[entries.length - 1];
  return { rows, cutEdges: cutEdges(entries), root: rootRow?.id ?? "", traced: trace !== null };
}

/**
 * For every row, the gradients its consumers sent back to it along each edge (cut edges send none): the terms
 * whose sum is the gradient that arrived.
 */
export function arrivals(listing: TapeListing): Map<string, ValueSummary[]> {
  const out = new Map<string, ValueSummary[]>();
  for (const r of listing.rows) {
    for (const input of r.inputs) {
      if (input.grad === null) continue;
      const terms = out.get(input.ref) ?? [];
      terms.push(input.grad);
      out.set(input.ref, terms);
    }
  }
  return out;
}

/** "1 + (-0.1451) = 0.8549" for a scalar that several edges sent to; null otherwise (one term, or a tensor). */
export function sumText(terms: readonly ValueSummary[], total: ValueSummary): string | null {
  if (terms.length < 2 || total.size !== 1 || terms.some((t) => t.values === null || t.size !== 1)) return null;
  // Largest first, a positive before its negative twin: "1 + 0.2657 + (-0.2657) = 1" reads as the cancellation.
  const size = (v: number): number => Number(fmt(Math.abs(v)));
  const values = terms.map((t) => (t.values as readonly number[])[0]).sort((a, b) => size(b) - size(a) || b - a);
  const parts = values.map((v, k) => (k > 0 && v < 0 ? `(${fmt(v)})` : fmt(v)));
  const scale = Math.max(...values.map(Math.abs));
  return `${parts.join(" + ")} = ${fmt(snapZero((total.values as readonly number[])[0], scale, terms.length))}`;
}

export interface RenderOptions {
  /** ANSI colour (a terminal); plain text otherwise. */
  readonly color?: boolean;
  /** Longer listings show their first and last rows around an "… n rows …" line. */
  readonly maxRows?: number;
}

const CODES = { dim: 2, bold: 1, red: 31, green: 32, yellow: 33, cyan: 36, magenta: 35 } as const;
type Style = keyof typeof CODES;

/** The value cell of a tensor whose values the graph does not hold (recorded outside `keepValues`). */
const NOT_KEPT = "(not kept)";

/** The listing as lines of text: a header, one line per row, and a legend for the marks. */
export function renderListing(listing: TapeListing, options: RenderOptions = {}): string[] {
  const paint = (style: Style, text: string): string =>
    options.color === true && text !== "" ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text;
  const maxRows = options.maxRows ?? 80;
  const terms = arrivals(listing);
  const cells = listing.rows.map((r) => {
    const name = r.label !== null && r.label !== r.id ? `${r.id} (${r.label})` : r.id;
    const args = r.inputs.map((i) => (i.cut ? `${i.ref} ✂` : i.ref)).join(", ");
    const op = r.kind === "leaf" ? (r.requiresGrad ? "leaf" : "const") : `${r.op}(${args})`;
    let grad: string;
    if (r.grad !== null) grad = sumText(terms.get(r.id) ?? [], r.grad) ?? summaryText(r.grad);
    else if (r.cuts) grad = "✂ none: the edge is cut";
    else if (!r.requiresGrad) grad = "·";
    else if (!listing.traced) grad = "";
    else grad = r.kind === "leaf" ? "null: no path" : "none arrived";
    return { r, name, op, shape: shapeText(r.shape), value: r.value === null ? NOT_KEPT : summaryText(r.value), grad };
  });
  const width = (k: "name" | "op" | "shape" | "value"): number =>
    Math.max(k.length, ...cells.map((c) => visible(c[k])));
  const w = { name: width("name"), op: width("op"), shape: width("shape"), value: width("value") };
  const pad = (s: string, n: number): string => s + " ".repeat(Math.max(0, n - visible(s)));
  const header = `${pad("id", w.name)}  ${pad("op", w.op)}  ${pad("shape", w.shape)}  ${pad("value", w.value)}  ` +
    (listing.traced ? "gradient arrived" : "grad");
  const lines = [paint("bold", header)];
  const line = (c: (typeof cells)[number]): string => {
    const { r } = c;
    const root = r.id === listing.root ? paint("bold", " ← output") : "";
    const opText = r.cuts
      ? paint("magenta", pad(c.op, w.op)).replace(/✂/g, paint("red", "✂"))
      : r.kind === "leaf"
        ? paint(r.requiresGrad ? "cyan" : "dim", pad(c.op, w.op))
        : pad(c.op, w.op);
    const gradText = r.grad !== null ? paint("green", c.grad) : r.cuts ? paint("red", c.grad) : paint("dim", c.grad);
    return `${pad(c.name, w.name)}  ${opText}  ${pad(c.shape, w.shape)}  ${pad(c.value, w.value)}  ${gradText}`
      .trimEnd() + root;
  };
  if (cells.length <= maxRows) for (const c of cells) lines.push(line(c));
  else {
    const head = Math.ceil(maxRows / 2);
    const tail = maxRows - head;
    for (const c of cells.slice(0, head)) lines.push(line(c));
    lines.push(paint("dim", `… ${cells.length - maxRows} rows not shown …`));
    for (const c of cells.slice(cells.length - tail)) lines.push(line(c));
  }
  if (listing.cutEdges.length > 0) {
    const cuts = listing.cutEdges.map((e) => `${e.from} → ${e.to}`).join(", ");
    lines.push(paint("red", `✂ cut edges (no gradient crosses them): ${cuts}`));
  }
  return lines;
}
