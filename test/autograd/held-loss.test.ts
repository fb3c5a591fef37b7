/**
 * What a loss held after backward keeps alive. Each node releases its values (inputs, output, tensor attrs) once
 * its rule has run in a walk without retainGraph, keeping only edges (shape, dtype, node), as PyTorch frees saved
 * variables. Measured two ways on one W3-shaped step (MLP 784-256-128-10, ReLU, batch 128, float32, cross-entropy):
 * the storages reachable from the loss's graph (`heldBytes`), and V8's own count of ArrayBuffer bytes after full
 * collections, which sees what any reference keeps, not only what the graph walk finds.
 */
import { describe, expect, it } from "vitest";
import { Generator, nn, randn, tensor, type Tensor } from "../../src/index.ts";
import { heldBytes } from "../../src/testing/index.ts";
import { observe } from "../../src/autograd/observer.ts";
import { settledMemory } from "./settled-memory.ts";

const arrayBufferBytes = (): number => settledMemory().arrayBuffers;

const LABELS = Array.from({ length: 128 }, (_, i) => i % 10);

function model(): Tensor[] {
  const generator = new Generator(303);
  return nn.MLP([784, 256, 128, 10], { activation: "relu", generator }).parameters().map((p) => {
    const q = p.detach().to("float32");
    q.requiresGrad = true;
    return q;
  });
}

/** One step's loss, with the batch and every activation reachable only through the loss's graph. */
function step(params: Tensor[], seed: number): Tensor {
  let h: Tensor = randn([128, 784], { dtype: "float32", generator: new Generator(seed) });
  for (let i = 0; i < 3; i++) {
    h = nn.functional.linear(h, params[2 * i], params[2 * i + 1]);
    if (i < 2) h = h.relu();
  }
  return nn.functional.crossEntropy(h, LABELS);
}

/** The batch (401 KiB) and the two hidden activations (128 + 64 KiB, float32) that the rules save. */
const ACTIVATIONS = 128 * (784 + 256 + 128) * 4;

describe("a loss held after backward keeps only itself", () => {
  it("heldBytes: 0 bytes after backward(); every saved activation with retainGraph: true", () => {
    const params = model();
    const loss = step(params, 1);
    const before = heldBytes(loss, [loss, ...params]).bytes;
    expect(before).toBeGreaterThanOrEqual(ACTIVATIONS);
    loss.backward();
    expect(heldBytes(loss, [loss, ...params])).toEqual({ bytes: 0, storages: 0 });

    const kept = step(params, 2);
    kept.backward({ retainGraph: true });
    expect(heldBytes(kept, [kept, ...params]).bytes).toBe(before);
  });

  it("V8's ArrayBuffer count: holding the loss adds under 1 KiB once the step's garbage is collected", () => {
    const params = model();
    step(params, 1).backward(); // allocates every parameter's .grad
    const base = arrayBufferBytes();
    const held = step(params, 2);
    held.backward();
    for (const p of params) p.grad = null;
    step(params, 3).backward(); // the same .grad storages as at `base`, now from this step
    const withHeld = arrayBufferBytes() - base;
    expect(withHeld).toBeLessThan(1024);
    expect(held.item()).toBeGreaterThan(0); // still readable

    const retained = step(params, 4);
    retained.backward({ retainGraph: true });
    for (const p of params) p.grad = null;
    step(params, 5).backward();
    expect(arrayBufferBytes() - base).toBeGreaterThanOrEqual(ACTIVATIONS);
    expect(retained.item()).toBeGreaterThan(0);
  });

  it("retainGraph: true allows a second backward, which adds the same gradient again", () => {
    const w = tensor([[1, -2], [3, 0.5]], { requiresGrad: true });
    const x = tensor([[0.5, 1], [-1, 2]]);
    const loss = x.matmul(w).tanh().sum();
    loss.backward({ retainGraph: true });
    const first = Array.from(w.grad!.data);
    loss.backward();
    expect(Array.from(w.grad!.data)).toEqual(first.map((g) => 2 * g));
  });

  it("after a backward without retainGraph, a second one says the graph was freed and how to keep it", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const loss = w.exp().sum();
    loss.backward();
    expect(() => loss.backward()).toThrow(/graph was freed.*retainGraph: true/);
  });

  it("an observer with keepsValues (explain's trace) keeps the values for display; the graph is still freed", () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const loss = w.exp().sum();
    observe({ keepsValues: true }, () => loss.backward());
    expect(heldBytes(loss, [loss, w]).bytes).toBe(2 * 8); // exp's output, which its rule read
    expect(() => loss.backward()).toThrow(/graph was freed/);
  });
});
