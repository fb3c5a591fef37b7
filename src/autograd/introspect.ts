/**
 * The tape of a tensor as data, for teaching: a Wengert list. `tapeOf(t)` lists every tensor that `t` was
 * computed from, each once, in execution order: first the leaves (inputs, parameters, and the constants that
 * plain-number operands became), then one entry per recorded op. Each op entry names its inputs by reference,
 * so the list reads as a program:
 *
 *   x0 = leaf                 w   = leaf            (a label replaces the generated name)
 *   v1 = mul(x0, w)           v2  = detach(v1)      (the edge v1 → v2 is cut: no gradient crosses it)
 *
 * The walk goes through every input, also those that do not require grad and through `detach` and comparison
 * nodes (whose outputs never require grad), so that the cut edges are visible. `cutEdges(tape)` lists them.
 * Nothing here changes the graph; it uses a work list, not recursion, so long chains list fine.
 *
 * A node holds the values of only what its rule reads (node.ts); of the rest, edges without values. An entry's
 * value is null when nothing in the graph (nor the listed tensor itself) holds it; a graph recorded inside
 * `keepValues` holds every value until backward releases them.
 *
 * A plain-number operand of a binary op is kept on its node as a number, not as an input (see `binaryOp`);
 * `operandsOf` turns it into a constant leaf tensor, made once per node, so that it lists like any other leaf
 * and a label set on it stays.
 */
import { tensor } from "./creation.ts";
import { ArgumentError } from "./errors.ts";
import type { DType } from "./dtype.ts";
import type { Shape } from "./shape.ts";
import type { Node } from "./tape.ts";
import { Tensor } from "./tensor-base.ts";
import { summarize, type ValueSummary } from "./value-summary.ts";

export { summarize, type ValueSummary };

/** One edge into an op entry. */
export interface TapeInput {
  /** The `id` of the entry that holds this input. */
  readonly ref: string;
  readonly shape: Shape;
  readonly requiresGrad: boolean;
  /**
   * True when this edge stops gradient: the op has no derivative (detach, comparisons) and the input requires
   * grad, so a gradient could have flowed here but does not.
   */
  readonly cut: boolean;
}

export interface TapeEntry {
  /** Leaves: their label, else `x0`, `x1`, … by first appearance. Ops: `v1`, `v2`, … in execution order. */
  readonly id: string;
  readonly kind: "leaf" | "op";
  /** The op's name (`OpDef.name`), or `"leaf"`. */
  readonly op: string;
  /** The op and its gradient in one line (`OpDef.formula`); empty for leaves. */
  readonly formula: string;
  /** The engine's node id (creation order, global), or null for a leaf. */
  readonly nodeId: number | null;
  /** The tensor's label, if one was set. */
  readonly label: string | null;
  /** Empty for leaves. */
  readonly inputs: readonly TapeInput[];
  readonly shape: Shape;
  readonly dtype: DType;
  readonly requiresGrad: boolean;
  /**
   * The values in brief, or null when the graph keeps only the tensor's shape: no rule reads them (record inside
   * `keepValues` to keep them) or a backward without retainGraph released them.
   */
  readonly value: ValueSummary | null;
  /** The tensor's `.grad` (a leaf after backward, or a non-leaf with `retainGrad()`), or null. */
  readonly grad: ValueSummary | null;
}

/** An edge that detach or a comparison cut: `from` (an entry id) feeds `to` (the cutting op's entry id). */
export interface CutEdge {
  readonly from: string;
  readonly to: string;
  /** The op that cuts it: `detach`, `gt`, … */
  readonly op: string;
}

/** The constant leaf made for each node's plain-number operand, kept as long as the node lives. */
const numberLeaves = new WeakMap<Node, Tensor>();

/**
 * A node's operands in argument order: its inputs, with its plain-number operand (if it has one) in its place
 * as a constant leaf tensor of the other operand's dtype, the same tensor on every call.
 */
export function operandsOf(node: Node): readonly Tensor[] {
  const at = node.def.numberAt;
  if (at === undefined) return node.inputs;
  const x = node.inputs[0];
  let leaf = numberLeaves.get(node);
  if (leaf === undefined) {
    leaf = tensor(node.attrs as number, { dtype: x.dtype });
    numberLeaves.set(node, leaf);
  }
  return at === 0 ? [leaf, x] : [x, leaf];
}

/** Every node `t` was computed from, through all inputs, oldest first. */
function collect(t: Tensor): Node[] {
  const nodes: Node[] = [];
  const seen = new Set<Node>();
  if (t.node !== null) {
    seen.add(t.node);
    nodes.push(t.node);
  }
  for (let k = 0; k < nodes.length; k++) {
    for (const input of nodes[k].inputs) {
      const n = input.node;
      if (n !== null && !seen.has(n)) {
        seen.add(n);
        nodes.push(n);
      }
    }
  }
  return nodes.sort((a, b) => a.id - b.id);
}

/** One key for a tensor and its edge (`Tensor.edge`): nodes may hold either. */
function keyOf(x: Tensor): Tensor {
  return x._edge ?? x;
}

/**
 * Names the leaves by first appearance: their label (made unique) or the next free `x<k>`. Keyed by `keyOf`; the
 * tensor kept for each is one with values when anything holds one.
 */
function nameLeaves(t: Tensor, nodes: readonly Node[]): { names: Map<Tensor, string>; held: Map<Tensor, Tensor> } {
  const order: Tensor[] = [];
  const held = new Map<Tensor, Tensor>();
  const visit = (x: Tensor): void => {
    if (x.node !== null) return;
    const key = keyOf(x);
    const known = held.get(key);
    if (known === undefined) order.push(key);
    if (known === undefined || known._isEdge) held.set(key, x);
  };
  visit(t);
  for (const node of nodes) for (const input of operandsOf(node)) visit(input);
  const taken = new Set<string>();
  const unique = (base: string): string => {
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}#${k}`;
    taken.add(name);
    return name;
  };
  for (const x of order) if (x.label !== null) taken.add(x.label);
  const names = new Map<Tensor, string>();
  const labelled = new Set<string>();
  let next = 0;
  for (const x of order) {
    if (x.label !== null) {
      // The first leaf with a label keeps it; a later one with the same label gets a suffix.
      names.set(x, labelled.has(x.label) ? unique(x.label) : x.label);
      labelled.add(x.label);
    } else {
      while (taken.has(`x${next}`)) next++;
      names.set(x, unique(`x${next}`));
    }
  }
  return { names, held };
}

function valueOf(x: Tensor): ValueSummary | null {
  return x._isEdge ? null : summarize(x);
}

function leafEntry(x: Tensor, id: string): TapeEntry {
  return {
    id,
    kind: "leaf",
    op: "leaf",
    formula: "",
    nodeId: null,
    label: x.label,
    inputs: [],
    shape: [...x.shape],
    dtype: x.dtype,
    requiresGrad: x.requiresGrad,
    value: valueOf(x),
    grad: x._grad === null ? null : summarize(x._grad),
  };
}

interface Graph {
  /** Every node, oldest first. */
  readonly nodes: Node[];
  /** Each leaf's name, by `keyOf`, in order of first appearance. */
  readonly leafNames: Map<Tensor, string>;
  readonly nodeNames: Map<Node, string>;
  /** The tensor behind each leaf key and each node: one that holds values when the graph (or `t`) has one. */
  readonly leaves: Map<Tensor, Tensor>;
  readonly outputs: Map<Node, Tensor>;
}

/** The ids of `t`'s graph: every node (oldest first), the name of every leaf and node output, and their tensors. */
function nameGraph(t: Tensor): Graph {
  if (!(t instanceof Tensor)) throw new ArgumentError(`tapeOf: expects a Tensor, got ${typeof t}`);
  const nodes = collect(t);
  const { names: leafNames, held: leaves } = nameLeaves(t, nodes);
  const nodeNames = new Map<Node, string>();
  nodes.forEach((n, i) => nodeNames.set(n, `v${i + 1}`));
  // A node holding its output's edge still lists the values when another node reads that output, or it is `t`.
  const outputs = new Map<Node, Tensor>();
  const offer = (x: Tensor): void => {
    const n = x.node;
    if (n === null) return;
    const known = outputs.get(n);
    if (known === undefined || (known._isEdge && !x._isEdge)) outputs.set(n, x);
  };
  for (const n of nodes) offer(n.output);
  for (const n of nodes) for (const x of n.inputs) offer(x);
  offer(t);
  return { nodes, leafNames, nodeNames, leaves, outputs };
}

/** The Wengert list of `t`'s graph: leaves first (by first appearance), then every op in execution order. */
export function tapeOf(t: Tensor): TapeEntry[] {
  const { nodes, leafNames, nodeNames, leaves, outputs } = nameGraph(t);
  const refOf = (x: Tensor): string => (x.node !== null ? nodeNames.get(x.node) : leafNames.get(keyOf(x))) as string;
  const entries: TapeEntry[] = [];
  for (const [x, id] of leafNames) entries.push(leafEntry(leaves.get(x) as Tensor, id));
  for (const node of nodes) {
    const out = outputs.get(node) as Tensor;
    const cuts = node.def.backward === null;
    entries.push({
      id: nodeNames.get(node) as string,
      kind: "op",
      op: node.def.name,
      formula: node.def.formula,
      nodeId: node.id,
      label: out.label,
      inputs: operandsOf(node).map((x) => ({
        ref: refOf(x),
        shape: [...x.shape],
        requiresGrad: x.requiresGrad,
        cut: cuts && x.requiresGrad,
      })),
      shape: [...out.shape],
      dtype: out.dtype,
      requiresGrad: out.requiresGrad,
      value: valueOf(out),
      grad: out._grad === null ? null : summarize(out._grad),
    });
  }
  return entries;
}

/**
 * The tensor behind each id of `tapeOf(t)` (same ids, same order), for tools that need the values themselves: an
 * edge without values (`data` empty) where the entry's value is null.
 */
export function tapeTensors(t: Tensor): Map<string, Tensor> {
  const { nodes, leafNames, nodeNames, leaves, outputs } = nameGraph(t);
  const out = new Map<string, Tensor>();
  for (const [x, id] of leafNames) out.set(id, leaves.get(x) as Tensor);
  for (const node of nodes) out.set(nodeNames.get(node) as string, outputs.get(node) as Tensor);
  return out;
}

/** The edges of a tape listing that detach or a comparison cut. */
export function cutEdges(tape: readonly TapeEntry[]): CutEdge[] {
  const edges: CutEdge[] = [];
  for (const e of tape) {
    for (const input of e.inputs) if (input.cut) edges.push({ from: input.ref, to: e.id, op: e.op });
  }
  return edges;
}
