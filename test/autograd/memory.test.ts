/**
 * Memory: the tape keeps nothing alive that the user does not hold. A training-like loop of 10^5 forward and
 * backward passes, and 10^5 forward passes that are never backpropagated, leave the heap where it was.
 *
 * The heap is measured after full collections (`settled-memory.ts`).
 */
import { describe, expect, it } from "vitest";
import { randn, tensor } from "../../src/autograd/creation.ts";
import { grad } from "../../src/autograd/grad.ts";
import { Generator } from "../../src/autograd/random.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { settledMemory } from "./settled-memory.ts";

/** heapUsed after collecting everything collectable. */
const settledHeap = (): number => settledMemory().heapUsed;

/**
 * A leak of even one small object (a Tensor is ~100 bytes, a Node ~100, a one-element Float64Array ~180) per
 * iteration would add ≥ 10 MB over 10^5 iterations; 2 MB allows for the engine's own lazily compiled code and
 * V8's bookkeeping, which do not grow with the iteration count.
 */
const SLACK = 2 * 1024 * 1024;

/** A small model: a 4→3 linear layer with tanh, on a batch of 4, and the parameters it trains. */
function makeModel() {
  const g = new Generator(1);
  const w = randn([4, 3], { generator: g, requiresGrad: true });
  const b = randn([3], { generator: g, requiresGrad: true });
  const x = randn([4, 4], { generator: g });
  const loss = () => x.matmul(w).add(b).tanh().mean();
  return { w, b, loss };
}

describe("memory", () => {
  it("10^5 forward + backward iterations (with SGD steps) keep the heap flat", () => {
    const { w, b, loss } = makeModel();
    const step = (p: Tensor) => {
      const g = p.grad as Tensor;
      for (let i = 0; i < p.size; i++) p.data[i] -= 0.01 * g.data[i];
      p.bumpVersion();
      p.zeroGrad();
    };
    const iterate = (n: number) => {
      for (let i = 0; i < n; i++) {
        loss().backward();
        step(w);
        step(b);
      }
    };
    iterate(5_000); // warm-up: compile the code paths before the baseline
    const before = settledHeap();
    const start = loss().item();
    iterate(100_000);
    const after = settledHeap();
    expect(after - before).toBeLessThan(SLACK);
    // The loop really trained: SGD on mean(tanh(xw + b)) drives the loss down.
    expect(loss().item()).toBeLessThan(start);
  });

  it("5·10^4 forward passes that are never backpropagated do not accumulate", () => {
    const { loss } = makeModel();
    let last = 0;
    for (let i = 0; i < 5_000; i++) last = loss().item();
    const before = settledHeap();
    for (let i = 0; i < 50_000; i++) last = loss().item();
    const after = settledHeap();
    expect(after - before).toBeLessThan(SLACK);
    expect(Number.isFinite(last)).toBe(true);
  });

  it("a dropped graph is collected, activations included: nothing global holds nodes", async () => {
    const { w } = makeModel();
    // Built in a function of its own, so that no variable of this one holds the graph.
    const build = (): WeakRef<Tensor> => {
      const big = tensor(new Float64Array(1_000_000).fill(0.5), { shape: [1000, 1000] });
      const h = big.matmul(tensor(new Float64Array(1000 * 4).fill(0.25), { shape: [1000, 4] })).matmul(w);
      grad(h.sum(), w);
      return new WeakRef(h);
    };
    const ref = build();
    // A WeakRef keeps its target alive until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    settledHeap();
    expect(ref.deref()).toBeUndefined();
  });

  it("grad() with createGraph, repeated 10^4 times, keeps the heap flat once its results are dropped", () => {
    const { w, loss } = makeModel();
    const once = () => {
      const g = grad(loss(), w, { createGraph: true }) as Tensor;
      return (grad(g.sum(), w) as Tensor).sum().item();
    };
    for (let i = 0; i < 500; i++) once();
    const before = settledHeap();
    for (let i = 0; i < 10_000; i++) once();
    expect(settledHeap() - before).toBeLessThan(SLACK);
  });
});
