/**
 * The tape: one node per recorded op, linked to its input tensors, and the reverse walk over them.
 *
 * Recording (`record`): an op's forward computes its output, then asks for a node. A node is made only when
 * recording is on and some input requires grad. Its id is its creation order, so every input's node has a
 * smaller id than the node that uses it.
 *
 * The walk (`walk`), with no recursion:
 *   1. Collect the nodes reachable from the roots through inputs that require grad (a work list; each node
 *      carries the number of the last walk that collected it, so no Set is needed).
 *   2. Sort them by id, newest first: a valid reverse topological order, since ids follow creation. A node's
 *      position in that list is its slot: pending gradients live in an array indexed by slot, not a Map.
 *   3. Seed each root's node with its gradient.
 *   4. For each node in that order, holding the complete gradient of its output: run the output's hooks,
 *      keep the gradient if asked (retainGrad, or an input of `grad`), then call the op's backward rule.
 *   5. For each input that requires grad and got a gradient: sum it back to the input's shape if the op
 *      broadcast it, check its shape, and add it to the input's node's gradient, or to the leaf's total.
 *   6. Hand every leaf its total (after the leaf's hooks).
 * A node holds only the values its rule reads (`OpDef.savesInputs`, `savesOutput`); of the other inputs and of an
 * unread output it holds edges (see node.ts), unless recorded inside `keepValues`.
 * Without retainGraph, each node is released as soon as its rule has run (and the nodes the walk collected but
 * never reached, at the end): it drops every value it held (inputs, output, tensor attrs), keeping of each tensor
 * only an edge (shape, dtype, its node, whether it required grad), so a loss held after backward keeps the graph's
 * outline and no activation alive, as in PyTorch. A later walk through a released node throws. (An observer that
 * lists values afterwards, explain's trace, asks to keep them: the nodes are then freed but not released.)
 * The tape knows no op: it calls the rule that each node carries. Steps 4 and 5 at one node (hooks, the guards,
 * the rule, fitting each gradient to its input) are in `tape-step.ts`.
 */
import { areValuesKept, isAnomalyEnabled, isGradEnabled, setGradEnabled } from "./mode.ts";
import { OpNode, toEdges, type Node } from "./node.ts";
import { observer } from "./observer.ts";
import { noteGradOwner } from "./storage-pool.ts";
import { Tensor } from "./tensor-base.ts";
import { callRule, checkRunnable, fitGrad, runHooks } from "./tape-step.ts";

export { nodesMade, type Node } from "./node.ts";

/** One gradient (or null: no gradient) per input. */
export type Grads = readonly (Tensor | null)[];

/**
 * The gradient of each input, given the gradient `gOut` of the output. Written with tensor ops. A rule of an op
 * with one input may return that input's gradient itself rather than an array of one (the elementwise families
 * do: a chain of scalar ops then makes one array fewer per node).
 */
export type BackwardRule<A> = (gOut: Tensor, inputs: readonly Tensor[], output: Tensor, attrs: A) => Grads | Tensor;

/** What the tape needs to know of an op. */
export interface OpDef<A = undefined> {
  readonly name: string;
  /** The op and its gradient in one line, as in the op's doc comment. */
  readonly formula: string;
  /** null for ops with no derivative (detach, comparisons): their outputs never require grad. */
  readonly backward: BackwardRule<A> | null;
  /** Whether the rule reads the inputs' values; if so, changing them in place before backward is an error. */
  readonly savesInputs: boolean;
  /** Whether the rule reads the output's values (exp, tanh, softmax, …); likewise guarded. */
  readonly savesOutput?: boolean;
  /**
   * Set on the variant of a binary op called with one plain number: that number's argument position. The number
   * is the node's `attrs`, not one of its inputs (no tensor is made for it); introspection lists it as a constant.
   */
  readonly numberAt?: 0 | 1;
}

/**
 * Attaches a node for `def` to `output` when recording is on and some input requires grad. The node takes `inputs`
 * as it is (a fresh array from the op): tensors its rule does not read are replaced there by their edges.
 */
export function record<A>(def: OpDef<A>, inputs: Tensor[], output: Tensor, attrs: A): Tensor {
  if (!isGradEnabled()) return output;
  let needed = false;
  for (let i = 0; i < inputs.length; i++) {
    if (inputs[i]._requiresGrad) {
      needed = true;
      break;
    }
  }
  if (!needed) return output;
  let versions: number[] | null = null;
  if (def.savesInputs) {
    for (let i = 0; i < inputs.length; i++) {
      const v = inputs[i].version;
      if (v !== 0) (versions ??= new Array<number>(inputs.length).fill(0))[i] = v;
    }
  }
  const createdAt = isAnomalyEnabled() ? creationSite() : null;
  const savesOutput = def.savesOutput === true;
  const outputVersion = savesOutput ? output.version : 0;
  const kept = def.savesInputs || areValuesKept() ? inputs : toEdges(inputs);
  const node = new OpNode(def, kept, output, attrs, versions, createdAt, outputVersion);
  output.node = node;
  output._requiresGrad = def.backward !== null;
  if (!savesOutput && !areValuesKept()) node.attachOutput(output.edge());
  return output;
}

function creationSite(): string {
  const lines = (new Error().stack ?? "").split("\n").slice(1);
  const user = lines.filter((l) => !/[\\/]src[\\/]autograd[\\/]/.test(l));
  return (user.length > 0 ? user : lines).slice(0, 4).map((l) => l.trim()).join("\n  ");
}

export interface WalkOptions {
  readonly retainGraph: boolean;
  readonly createGraph: boolean;
  /** Tensors whose total gradient is wanted (grad()); when absent, leaves accumulate into `.grad`. */
  readonly capture: readonly Tensor[] | null;
  /** The public call, for error messages. */
  readonly caller: string;
}

/** Backpropagates `seeds[i]` from `roots[i]`; returns the total gradient of each captured tensor. */
export function walk(roots: readonly Tensor[], seeds: readonly Tensor[], opts: WalkOptions): Map<Tensor, Tensor> {
  return setGradEnabled(opts.createGraph, () => walkInner(roots, seeds, opts));
}

/** Numbers the walks, so that a node's `_mark` says whether this walk has collected it. */
let walkCount = 0;

const newestFirst = (a: { readonly id: number }, b: { readonly id: number }): number => b.id - a.id;

/**
 * Sorts `nodes` newest first in place. The collected list is nearly in that order (a chain or a layered network
 * collected from its end is already; a tensor used twice, as the loss in L + n·L/sg(L), puts a few nodes out of
 * place), so an insertion sort does it in one pass and allocates nothing, where `Array.prototype.sort` allocates
 * its work arrays. A list far from sorted falls back to that sort once the insertion sort has moved more than a
 * few nodes per node.
 * @internal exported for its test
 */
export function sortNewestFirst<T extends { readonly id: number }>(nodes: T[]): void {
  const limit = 4 * nodes.length;
  let moves = 0;
  for (let k = 1; k < nodes.length; k++) {
    const n = nodes[k];
    let j = k - 1;
    while (j >= 0 && nodes[j].id < n.id) {
      nodes[j + 1] = nodes[j];
      j--;
    }
    nodes[j + 1] = n;
    moves += k - 1 - j;
    if (moves > limit) {
      nodes.sort(newestFirst);
      return;
    }
  }
}

function walkInner(roots: readonly Tensor[], seeds: readonly Tensor[], opts: WalkOptions): Map<Tensor, Tensor> {
  // 1. collect: `nodes` doubles as the work list (breadth first); a node's mark says it is already in it.
  const mark = walkCount++;
  const nodes: Node[] = [];
  for (const r of roots) {
    const n = r.node;
    if (n !== null && r._requiresGrad && n._mark !== mark) {
      n._mark = mark;
      nodes.push(n);
    }
  }
  for (let k = 0; k < nodes.length; k++) {
    const inputs = nodes[k].inputs;
    for (let i = 0; i < inputs.length; i++) {
      const t = inputs[i];
      const n = t.node;
      if (n !== null && t._requiresGrad && n._mark !== mark) {
        n._mark = mark;
        nodes.push(n);
      }
    }
  }
  // 2. order
  sortNewestFirst(nodes);
  for (let k = 0; k < nodes.length; k++) nodes[k]._slot = k;
  // A walk that releases values checks every node first: a stale or freed node found half way would leave the
  // nodes before it released, and the same call, retried, would then report a freed graph instead of the cause.
  const releases = !opts.retainGraph && observer?.keepsValues !== true;
  if (releases) for (let k = 0; k < nodes.length; k++) checkRunnable(nodes[k], opts);
  // 3. seed: a node's pending gradient lives at its slot.
  const pending: (Tensor | null)[] = new Array<Tensor | null>(nodes.length).fill(null);
  const leaves = new Map<Tensor, Tensor>();
  const capture = opts.capture === null ? null : new Set(opts.capture);
  const captured = new Map<Tensor, Tensor>();
  const deliver = (t: Tensor, g: Tensor): void => {
    const n = t.node;
    if (n !== null && t._requiresGrad) {
      const s = slotOf(nodes, n);
      const prev = pending[s];
      pending[s] = prev === null ? g : prev.add(g);
    } else {
      const prev = leaves.get(t);
      leaves.set(t, prev === undefined ? g : prev.add(g));
    }
  };
  for (let r = 0; r < roots.length; r++) deliver(roots[r], seeds[r]);
  // 4-5. walk
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k];
    let g = pending[k];
    if (g === null) continue;
    pending[k] = null;
    const out = node.output;
    g = runHooks(out, g);
    if (out._retainsGrad && capture === null) {
      out._grad = out._grad === null ? g : out._grad.add(g);
      noteGradOwner(out);
    }
    if (capture?.has(out)) captured.set(out, g);
    const o = observer;
    if (o !== null) o.nodeEnter(node, g);
    const grads = callRule(node, g, opts);
    const single = grads instanceof Tensor ? grads : null;
    for (let i = 0; i < node.inputs.length; i++) {
      const input = node.inputs[i];
      const gi = single !== null ? single : (grads as Grads)[i];
      if (!input._requiresGrad || gi === null || gi === undefined) continue;
      const fitted = fitGrad(node, i, gi);
      if (o !== null) o.gradSent(node, i, fitted);
      deliver(input, fitted);
    }
    if (o !== null) o.nodeExit(node);
    if (releases) node.release();
    else if (!opts.retainGraph) node.freed = true;
  }
  // 6. leaves
  for (const [leaf, total] of leaves) {
    observer?.leafEnter(leaf, total);
    const g = runHooks(leaf, total);
    if (capture !== null) {
      if (capture.has(leaf)) captured.set(leaf, g);
    } else {
      leaf._grad = leaf._grad === null ? g : leaf._grad.add(g);
      noteGradOwner(leaf);
    }
  }
  // Nodes collected but never reached (no gradient arrived) are done too.
  if (!opts.retainGraph) {
    for (const n of nodes) {
      if (n.freed) continue;
      if (releases) n.release();
      else n.freed = true;
    }
  }
  return captured;
}

/**
 * The position of `n` in this walk's `nodes`. Its `_slot` says so, unless a walk started from a hook or a rule
 * renumbered it meanwhile; then it is found again by id (`nodes` is sorted newest first).
 */
function slotOf(nodes: readonly Node[], n: Node): number {
  const s = n._slot;
  if (s >= 0 && s < nodes.length && nodes[s] === n) return s;
  let lo = 0;
  let hi = nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid].id > n.id) lo = mid + 1;
    else hi = mid;
  }
  n._slot = lo;
  return lo;
}
