/**
 * Tape observers: callbacks that see every op's forward and every step of the backward walk, for profilers and
 * for `explain`'s gradient tracing. With none installed an op and a backward node each pay one null check.
 *
 * Observers nest as a stack: `observe(o, fn)` installs `o` for the duration of `fn`, and every installed observer
 * sees every event, outermost first. `addObserver` installs one until its handle is removed, for tracing that
 * spans calls the caller makes itself.
 */
import type { Node } from "./tape.ts";
import type { Tensor } from "./tensor-base.ts";

export interface TapeObserver {
  /** An op's forward begins (nested ops, e.g. inside a composite or a backward rule, nest their events). */
  opStart?(name: string): void;
  /** An op's forward ended; `node` is the node it recorded, null when nothing was recorded. */
  opEnd?(name: string, output: Tensor, node: Node | null): void;
  /** The walk reached `node` holding the complete gradient of its output, after the output's hooks ran. */
  nodeEnter?(node: Node, gOut: Tensor): void;
  /** `node`'s rule sent `g` to input `i`, already fitted to the input's shape and dtype. */
  gradSent?(node: Node, i: number, g: Tensor): void;
  /** `node`'s rule is done and every gradient it produced was sent. */
  nodeExit?(node: Node): void;
  /** The walk hands a leaf (or a captured tensor without a node) its total gradient, before the leaf's hooks. */
  leafEnter?(leaf: Tensor, g: Tensor): void;
  /**
   * Set by an observer that reads the graph's values after the walk (explain's trace lists every value it saw):
   * while it is installed, a walk without retainGraph still frees its nodes (a second backward throws) but does
   * not release their values.
   */
  readonly keepsValues?: boolean;
}

/** Every event, each a function (the installed observers fanned out), so callers need no optional calls. */
export type Dispatch = Required<Omit<TapeObserver, "keepsValues">> & { readonly keepsValues: boolean };

const stack: TapeObserver[] = [];

/** The installed observers as one, or null when none is installed: the one check the engine makes. */
export let observer: Dispatch | null = null;

function fanOut(list: readonly TapeObserver[]): Dispatch {
  return {
    keepsValues: list.some((o) => o.keepsValues === true),
    opStart: (name) => {
      for (const o of list) o.opStart?.(name);
    },
    opEnd: (name, output, node) => {
      for (const o of list) o.opEnd?.(name, output, node);
    },
    nodeEnter: (node, g) => {
      for (const o of list) o.nodeEnter?.(node, g);
    },
    gradSent: (node, i, g) => {
      for (const o of list) o.gradSent?.(node, i, g);
    },
    nodeExit: (node) => {
      for (const o of list) o.nodeExit?.(node);
    },
    leafEnter: (leaf, g) => {
      for (const o of list) o.leafEnter?.(leaf, g);
    },
  };
}

/** Installs `o` until the returned handle's `remove()` (removing twice is harmless). */
export function addObserver(o: TapeObserver): { remove(): void } {
  stack.push(o);
  observer = fanOut(stack.slice());
  let removed = false;
  return {
    remove() {
      if (removed) return;
      removed = true;
      stack.splice(stack.lastIndexOf(o), 1);
      observer = stack.length === 0 ? null : fanOut(stack.slice());
    },
  };
}

/** Runs `fn` with `o` installed, and removes it afterwards (also when `fn` throws). */
export function observe<T>(o: TapeObserver, fn: () => T): T {
  const handle = addObserver(o);
  try {
    return fn();
  } finally {
    handle.remove();
  }
}
