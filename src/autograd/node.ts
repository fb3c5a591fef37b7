/**
 * A node of the tape: one recorded application of an op, holding what its rule needs until a walk without
 * retainGraph releases it. It holds the values its op's def says the rule reads (the inputs if `savesInputs`, the
 * output if `savesOutput`, tensors among the attrs) and of every other input and output only an edge (shape, dtype,
 * node: `Tensor.edge`), so a value no rule reads is not kept alive by the tape, as in PyTorch. The walk, observers
 * and listings see every node as a `Node`, whatever its op; each is an `OpNode<A>`, which keeps its op's definition
 * and attrs typed together, so the rule is called with attrs of the type it declared and no cast is needed anywhere.
 */
import type { Storage } from "./dtype.ts";
import type { Grads, OpDef } from "./tape.ts";
import { Tensor } from "./tensor-base.ts";

let made = 0;

/** How many nodes have been made: the id the next one gets. */
export function nodesMade(): number {
  return made;
}

/** A node of any op, its attrs' type erased. */
export interface Node {
  /** The creation order: every input's node has a smaller id. */
  readonly id: number;
  /** Set after a backward without retainGraph (see `release`); a later backward through this node throws. */
  freed: boolean;
  /** @internal The last walk that collected this node (walks number themselves), instead of a Set. */
  _mark: number;
  /** @internal This node's position in the last walk's node list, instead of a Map (validated before use). */
  _slot: number;
  readonly def: OpDef<never>;
  /**
   * The input tensors if the rule reads them (until `release`), else their edges, which keep each one's shape,
   * dtype and node but no values.
   */
  readonly inputs: readonly Tensor[];
  /** The output tensor if the rule reads it or something was set on it (see `attachOutput`), else its edge. */
  readonly output: Tensor;
  /** The op's attributes; after `release`, tensors among them are edges. */
  readonly attrs: unknown;
  /**
   * Input versions at recording time, checked before a rule that reads its inputs runs; null when every input was
   * at version 0 (the common case, which then needs no array).
   */
  readonly versions: readonly number[] | null;
  /** Where the user created this node (only under detectAnomaly). */
  readonly createdAt: string | null;
  /** The output's version at recording time, checked before a rule that reads the output runs. */
  readonly outputVersion: number;
  /** Bytes of values this node keeps for its rule: the inputs and output the rule reads, each storage once. */
  readonly savedBytes: number;
  /** The op's rule at this node (its gradient `g`, its inputs, output and attrs), or null for an op without one. */
  runRule(g: Tensor): Grads | Tensor | null;
  /**
   * Drops every value this node holds for its rule: inputs, output and tensor attrs become edges (`Tensor.edge`);
   * plain attrs (a number operand, labels, options) stay. Called by a walk without retainGraph once the rule has
   * run; the node is then freed.
   */
  release(): void;
  /**
   * Holds `t`, the output this node made, in place of its edge: the walk runs the hooks and keeps the gradient of
   * the tensor it finds here, so `registerHook`, `retainGrad` and `grad` attach the tensor they were given.
   */
  attachOutput(t: Tensor): void;
}

/** What few nodes need, kept apart so that the common node is smaller (see `OpNode`). */
interface NodeGuards {
  readonly versions: readonly number[] | null;
  readonly createdAt: string | null;
  readonly outputVersion: number;
}

/**
 * The node of an op whose attrs have type `A`.
 *
 * NOTE: input versions other than 0, an output version other than 0 and a creation site (detectAnomaly) are rare;
 * they live in one object made only when one of them is there, so a node has 9 fields rather than 11. A chain of
 * scalar ops keeps one node per op alive until its backward, and the collector copies what is alive.
 */
export class OpNode<A> implements Node {
  readonly id = made++;
  freed = false;
  _mark = -1;
  _slot = -1;
  private readonly guards: NodeGuards | null;

  constructor(
    readonly def: OpDef<A>,
    public inputs: Tensor[],
    public output: Tensor,
    public attrs: A,
    versions: readonly number[] | null,
    createdAt: string | null,
    outputVersion = 0,
  ) {
    this.guards = versions === null && createdAt === null && outputVersion === 0
      ? null
      : { versions, createdAt, outputVersion };
  }

  get versions(): readonly number[] | null {
    return this.guards === null ? null : this.guards.versions;
  }

  get createdAt(): string | null {
    return this.guards === null ? null : this.guards.createdAt;
  }

  get outputVersion(): number {
    return this.guards === null ? 0 : this.guards.outputVersion;
  }

  runRule(g: Tensor): Grads | Tensor | null {
    const rule = this.def.backward;
    return rule === null ? null : rule(g, this.inputs, this.output, this.attrs);
  }

  get savedBytes(): number {
    const kept: Tensor[] = [];
    if (this.def.savesInputs) kept.push(...this.inputs);
    if (this.def.savesOutput === true) kept.push(this.output);
    if (this.attrs !== null && typeof this.attrs === "object") {
      for (const v of Object.values(this.attrs)) if (v instanceof Tensor) kept.push(v);
    }
    // Each storage once; a one-element result without a storage yet (see scalarResult) holds its one number.
    const counted: (Storage | Tensor)[] = [];
    let bytes = 0;
    for (const t of kept) {
      const held = t._data ?? t;
      if (counted.includes(held)) continue;
      counted.push(held);
      bytes += t._byteLength;
    }
    return bytes;
  }

  attachOutput(t: Tensor): void {
    this.output = t;
  }

  release(): void {
    this.freed = true;
    toEdges(this.inputs);
    this.output = this.output.edge();
    const attrs = this.attrs;
    if (attrs !== null && typeof attrs === "object" && !ArrayBuffer.isView(attrs)) {
      // A copy of the attrs' own type, with each tensor among them replaced by its edge (also a tensor).
      let copy: (A & object) | null = null;
      for (const [k, v] of Object.entries(attrs)) {
        if (v instanceof Tensor) {
          copy ??= { ...attrs };
          Object.assign(copy, { [k]: v.edge() });
        }
      }
      if (copy !== null) this.attrs = copy;
    }
  }
}

/** Replaces each tensor of `tensors` by its edge (see `Tensor.edge`), in place; returns the array. */
export function toEdges(tensors: Tensor[]): Tensor[] {
  for (let i = 0; i < tensors.length; i++) tensors[i] = tensors[i].edge();
  return tensors;
}
