import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { randn, tensor } from "../../src/autograd/creation.ts";
import { ArgumentError, ReleasedError } from "../../src/autograd/errors.ts";
import { concat } from "../../src/autograd/ops/concat.ts";
import { Generator } from "../../src/autograd/random.ts";
import { clearPool, poolCounts, pooledByteCount, setTrackLimit } from "../../src/autograd/storage-pool.ts";
import type { Tensor } from "../../src/autograd/tensor.ts";
import { tidy } from "../../src/autograd/tidy.ts";
import "../../src/index.ts";
import { crossEntropy } from "../../src/nn/functional/cross-entropy.ts";
import { ReLU } from "../../src/nn/layers/activations.ts";
import { Linear } from "../../src/nn/layers/linear.ts";
import { Sequential } from "../../src/nn/layers/sequential.ts";
import { SGD } from "../../src/nn/optim/sgd.ts";

afterEach(() => clearPool());

/** A [rows, 64] float64 tensor: 512 bytes a row, so from 9 rows on a result has a buffer of its own (> 4 KiB). */
const big = (rows: number, seed = 1): Tensor => randn([rows, 64], { generator: new Generator(seed) });

/** An MLP of float64 layers wide enough that its activations and gradients are tracked by tidy. */
function setup(seed: number, batch: number) {
  const model = new Sequential(new Linear(64, 48, { generator: new Generator(seed) }), new ReLU(), new Linear(48, 10, { generator: new Generator(seed + 1) }));
  const opt = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
  const x = big(batch, seed + 2);
  const labels = Int32Array.from({ length: batch }, (_, i) => (i * 7 + seed) % 10);
  const step = (): number => {
    const loss = crossEntropy(model.forward(x), labels);
    loss.backward();
    opt.step();
    opt.zeroGrad();
    return loss.item();
  };
  return { model, step };
}

describe("tidy: the memory of what a step made and dropped is reused, and nothing kept is touched", () => {
  it("property: k SGD steps inside tidy give the same bits (losses and parameters) as the same steps without it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 16, max: 40 }), fc.integer({ min: 2, max: 5 }), (seed, batch, k) => {
        const plain = setup(seed, batch);
        const tidied = setup(seed, batch);
        for (let i = 0; i < k; i++) expect(tidy(tidied.step)).toBe(plain.step());
        const a = plain.model.parameters();
        const b = tidied.model.parameters();
        for (let i = 0; i < a.length; i++) expect(Array.from(b[i].data)).toEqual(Array.from(a[i].data));
      }),
      { numRuns: 15 },
    );
  });

  it("in the steady state a step makes no new buffer: every large result reuses one the step before released", () => {
    const { step } = setup(3, 32);
    for (let i = 0; i < 2; i++) tidy(step);
    const before = { ...poolCounts };
    for (let i = 0; i < 5; i++) tidy(step);
    expect(poolCounts.fresh - before.fresh).toBe(0);
    // Per step: 2 activations, relu's output, the gradients of both and of the first layer's weight, at least.
    expect(poolCounts.reused - before.reused).toBeGreaterThanOrEqual(5 * 4);
    expect(pooledByteCount()).toBeGreaterThan(0);
  });

  it("a tensor made inside and not returned is released: its storage reads as empty and using it throws ReleasedError", () => {
    const x = big(16);
    let stash: Tensor | null = null;
    tidy(() => {
      stash = x.mul(2);
    });
    const t = stash as unknown as Tensor;
    expect(t.data.length).toBe(0);
    expect(() => t.add(1)).toThrow(ReleasedError);
    expect(() => t.add(1)).toThrow(/^add: this tensor \(shape \[16, 64\], float64\) was made inside a tidy\(\) that has returned.*Return it from the function given to tidy/);
    expect(() => x.add(t)).toThrow(/^add: /);
    expect(() => t.item()).toThrow(/^item: /);
    expect(() => t.toArray()).toThrow(/^toArray: /);
    expect(String(t)).toBe("tensor(<released by tidy>, shape=[16, 64], dtype=float64)");
    expect(() => concat([x, t])).toThrow(/^concat: /);
  });

  it("what the function returns is kept, in an array or a plain object too, with the values its graph needs for a later backward", () => {
    const w = big(16, 5);
    w.requiresGrad = true;
    const out = tidy(() => {
      const h = w.mul(3).tanh();
      return { pair: [h, h.mul(2)], loss: h.sum() };
    });
    const plain = w.mul(3).tanh();
    expect(Array.from(out.pair[0].data)).toEqual(Array.from(plain.data));
    expect(Array.from(out.pair[1].data)).toEqual(Array.from(plain.mul(2).data));
    out.loss.backward();
    const expected = tensor(1).sub(plain.mul(plain)).mul(3);
    expect(Array.from(w.grad!.data)).toEqual(Array.from(expected.data));
  });

  it("a loss returned before backward keeps what its rules read (crossEntropy's saved probabilities among them)", () => {
    const a = setup(7, 24);
    const b = setup(7, 24);
    const x = big(24, 9);
    const labels = Int32Array.from({ length: 24 }, (_, i) => i % 10);
    const loss = tidy(() => crossEntropy(a.model.forward(x), labels));
    loss.backward();
    crossEntropy(b.model.forward(x), labels).backward();
    const pa = a.model.parameters();
    const pb = b.model.parameters();
    for (let i = 0; i < pa.length; i++) expect(Array.from(pa[i].grad!.data)).toEqual(Array.from(pb[i].grad!.data));
  });

  it("gradients stored in .grad inside are kept, whether the walk or the user stored them; one set to null is released", () => {
    const w = big(16, 11);
    w.requiresGrad = true;
    const v = big(16, 12);
    v.requiresGrad = true;
    let dropped: Tensor | null = null;
    tidy(() => {
      w.mul(v).sum().backward();
      w.grad = w.grad!.mul(0.5);
      dropped = v.grad;
      v.grad = null;
    });
    expect(Array.from(w.grad!.data)).toEqual(Array.from(v.data).map((x) => x * 0.5));
    expect((dropped as unknown as Tensor).data.length).toBe(0);
    expect(() => {
      v.grad = dropped;
    }).toThrow(/^grad: /);
  });

  it("results of at most 4 KiB are left to the collector and stay readable", () => {
    let small: Tensor | null = null;
    tidy(() => {
      small = big(8).mul(2);
    });
    expect((small as unknown as Tensor).data.length).toBe(8 * 64);
    expect((small as unknown as Tensor).sum().item()).toBeCloseTo(big(8).sum().item() * 2, 9);
  });

  it("nested: the inner tidy hands what it kept to the outer one, which releases it unless it returns it too", () => {
    const x = big(16);
    let inner: Tensor | null = null;
    const kept = tidy(() => {
      inner = tidy(() => x.mul(2));
      expect((inner as Tensor).data.length).toBe(16 * 64);
      return tidy(() => x.mul(3));
    });
    expect((inner as unknown as Tensor).data.length).toBe(0);
    expect(kept.data[1]).toBe(x.data[1] * 3);
  });

  it("if the function throws, nothing is released; an async function is refused with the remedy", () => {
    const x = big(16);
    let stash: Tensor | null = null;
    expect(() =>
      tidy(() => {
        stash = x.mul(2);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect((stash as unknown as Tensor).data[0]).toBe(x.data[0] * 2);
    expect(() => tidy(async () => x.mul(2))).toThrow(ArgumentError);
    expect(() => tidy(async () => x.mul(2))).toThrow(/synchronous one\. Call tidy inside the async code/);
  });

  it("a tidy around more than its limit of results stops tracking them (nothing released) and warns once, naming the remedy", () => {
    const previous = setTrackLimit(64 * 1024);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const x = big(16); // 8 KiB a result
      const stash: Tensor[] = [];
      tidy(() => {
        for (let i = 0; i < 20; i++) stash.push(x.mul(i));
      });
      expect(stash.every((t, i) => t.data[3] === x.data[3] * i)).toBe(true);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/more than 0\.0625 MiB .* one tidy\(\).*Call tidy once per training step/);
    } finally {
      warn.mockRestore();
      setTrackLimit(previous);
    }
  });

  it("a result whose buffer the user detached inside (posted to a worker with transfer) is skipped, not an error", () => {
    const x = big(16);
    const out = tidy(() => {
      const y = x.mul(2);
      structuredClone(y.data.buffer, { transfer: [y.data.buffer as ArrayBuffer] });
      return x.mul(3).sum().item();
    });
    expect(out).toBeCloseTo(x.sum().item() * 3, 9);
  });

  it("a raw view of a released storage (data, subarray) reads as empty, never the values of the tensor that reuses it", () => {
    const x = big(16);
    let raw: Float64Array | null = null;
    tidy(() => {
      raw = x.mul(2).data.subarray(0, 8) as Float64Array;
    });
    const reused = poolCounts.reused;
    const next = x.mul(5); // same byte length: takes the released buffer from the pool, zeroed, then written
    expect(poolCounts.reused).toBe(reused + 1);
    expect((raw as unknown as Float64Array).length).toBe(0);
    expect(next.data[0]).toBe(x.data[0] * 5);
  });
});
