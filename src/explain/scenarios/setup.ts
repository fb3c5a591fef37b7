/**
 * The small classifier most scenarios run on: a seeded batch and a seeded MLP, its parameters labelled with their
 * state-dict names so that listings and graphs read "0.weight" rather than "x3". Small enough that every tape
 * listing fits on a screen; any model and batch can be passed instead (digits-setup.ts: the demo's digits MLP).
 */
import { fromStorage } from "../../autograd/creation.ts";
import { operandsOf } from "../../autograd/introspect.ts";
import { Generator } from "../../autograd/random.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import type { Labels } from "../../nn/functional/labels.ts";
import { MLP } from "../../nn/mlp.ts";
import type { Module } from "../../nn/module.ts";

export interface Setup {
  readonly model: Module;
  /** The parameters and their state-dict names, in the same order. */
  readonly names: readonly string[];
  readonly params: readonly Tensor[];
  /** The input batch [batch, features]. */
  readonly x: Tensor;
  readonly labels: Labels;
}

/** Labels the model's parameters and the input, and lists the parameters. */
export function setupOf(model: Module, x: Tensor, labels: Labels): Setup {
  const named = model.namedParameters();
  for (const [name, p] of named) p.label = name;
  if (x.label === null) x.label = "x";
  return { model, names: named.map(([n]) => n), params: named.map(([, p]) => p), x, labels };
}

export interface ToyOptions {
  readonly seed?: number;
  /** Hidden widths between the 4 inputs and the 3 classes (default [6]). */
  readonly hidden?: readonly number[];
  readonly batch?: number;
}

/** A tanh MLP (tanh: no dead units, so every parameter gets a non-zero gradient) and a batch of N(0, 1) inputs. */
export function toySetup(options: ToyOptions = {}): Setup {
  const sizes = [4, ...(options.hidden ?? [6]), 3];
  const batch = options.batch ?? 6;
  const g = new Generator(options.seed ?? 0);
  const model = MLP(sizes, { activation: "tanh", generator: g.split() });
  const xs = new Float64Array(batch * sizes[0]);
  const data = g.split();
  for (let i = 0; i < xs.length; i++) xs[i] = data.normal();
  const classes = sizes[sizes.length - 1];
  const labels = Array.from({ length: batch }, (_, i) => i % classes);
  return setupOf(model, fromStorage(xs, [batch, sizes[0]]), labels);
}

/** Names the constant leaf of `root`'s graph that holds `values` (a plain-number operand, a draw), for listings. */
export function labelConstant(root: Tensor, values: number | ArrayLike<number>, label: string): void {
  const want = typeof values === "number" ? [values] : values;
  const matches = (t: Tensor): boolean => {
    if (t.requiresGrad || t.size !== want.length || t.label !== null) return false;
    for (let i = 0; i < want.length; i++) if (t.data[i] !== want[i]) return false;
    return true;
  };
  const stack: Tensor[] = [root];
  const seen = new Set<Tensor>(stack);
  while (stack.length > 0) {
    const t = stack.pop() as Tensor;
    if (t.node === null) {
      if (matches(t)) t.label = label;
      continue;
    }
    for (const x of operandsOf(t.node)) {
      if (!seen.has(x)) {
        seen.add(x);
        stack.push(x);
      }
    }
  }
}
