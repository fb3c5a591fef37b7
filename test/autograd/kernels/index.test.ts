import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tensor } from "../../../src/autograd/creation.ts";
import { ArgumentError } from "../../../src/autograd/errors.ts";
import { builtinKernels, kernels, useKernels, type Kernels } from "../../../src/autograd/kernels/index.ts";
import { linear, mseLoss } from "../../../src/nn/functional/index.ts";
import "../../../src/index.ts";
import { ROOT, storageLoops } from "./storage-loops.ts";

const OP_DIRS = ["src/autograd/ops", "src/nn/functional", "src/nn/optim"];
const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).filter((f) => f.endsWith(".ts")).map((f) => `${dir}/${f}`);

/**
 * The storage loops allowed outside kernels/, each with its reason (none now). An entry is the file and the loop's
 * first line.
 */
const ALLOWED: Record<string, string> = {};

describe("the kernel boundary: ops, nn's fused ops and the optimizers loop over no storage; kernels/index.ts lists what they call", () => {
  it("no file of src/autograd/ops, src/nn/functional or src/nn/optim has a loop over a storage, but the allowed ones", () => {
    const found = storageLoops(OP_DIRS.flatMap(sources)).map((l) => `${l.file}: ${l.text}`);
    expect(found.filter((l) => ALLOWED[l] === undefined)).toEqual([]);
    // An allowance whose loop is gone must go too.
    expect(Object.keys(ALLOWED).filter((l) => !found.includes(l))).toEqual([]);
  });

  it("the scan sees storage loops where they are (kernels/), and not loops over shapes or axes", () => {
    const loops = storageLoops(["src/autograd/kernels/pointwise.ts", "src/autograd/ops/sum-to.ts"]);
    const files = new Set(loops.map((l) => l.file));
    expect(files).toEqual(new Set(["src/autograd/kernels/pointwise.ts"]));
    expect(loops.map((l) => l.text)).toContain("for (let i = 0; i < n; i++) out[i] = cc[i] !== 0 ? aa[i] : bb[i];");
  });

  it("every entry of the interface is called through `kernels.<name>` (gemm by the products built on it), nothing else is", () => {
    const files = [...["src/autograd", ...OP_DIRS].flatMap(sources), "src/autograd/kernels/index.ts"];
    const text = files.map((f) => readFileSync(join(ROOT, f), "utf8")).join("\n");
    const called = new Set([...text.matchAll(/\bkernels\.(\w+)/g)].map((m) => m[1]));
    expect([...called].sort()).toEqual(Object.keys(builtinKernels()).sort());
  });
});

describe("useKernels: a backend replaces entries, and ops call the replacement", () => {
  let restore: Partial<Kernels> | null = null;
  afterEach(() => {
    if (restore !== null) useKernels(restore);
    restore = null;
  });

  it("a counting pow is called once per pow; the returned entries restore the original", () => {
    let calls = 0;
    const original = kernels.pow;
    restore = useKernels({ pow: (x, e, out) => (calls++, original(x, e, out)) });
    expect(restore.pow).toBe(original);
    const y = tensor([1, 2, 3]).pow(3);
    expect(Array.from(y.data)).toEqual([1, 8, 27]);
    expect(calls).toBe(1);
    useKernels(restore);
    restore = null;
    expect(kernels.pow).toBe(original);
    tensor([1, 2]).pow(2);
    expect(calls).toBe(1);
  });

  it("a replaced gemm serves matmul's batches and linear as well (they call it through the interface)", () => {
    const seen: string[] = [];
    const original = kernels.gemm;
    restore = useKernels({ gemm: (ta, tb, m, n, k, ...rest) => (seen.push(`${m}x${n}x${k}`), original(ta, tb, m, n, k, ...rest)) });
    tensor([[[1, 2]], [[3, 4]]]).matmul(tensor([[1], [1]]));
    linear(tensor([[1, 2, 3]]), tensor([[1, 0, 0], [0, 1, 0]]), tensor([10, 20]));
    expect(seen).toEqual(["1x1x2", "1x1x2", "1x2x3"]);
  });

  it("a loss kernel replaced is the one the fused loss calls", () => {
    restore = useKernels({ squaredError: () => 42 });
    expect(mseLoss(tensor([1, 2]), tensor([1, 2]), { reduction: "sum" }).item()).toBe(42);
  });

  it("an unknown name or a non-function is refused, naming the entry, and nothing is replaced", () => {
    const before = { ...kernels };
    expect(() => useKernels({ powr: () => undefined } as Partial<Kernels>)).toThrow(ArgumentError);
    expect(() => useKernels({ powr: () => undefined } as Partial<Kernels>)).toThrow(/no kernel named 'powr'/);
    expect(() => useKernels({ pow: 3 } as unknown as Partial<Kernels>)).toThrow(/'pow' must be a function/);
    expect({ ...kernels }).toEqual(before);
  });
});
