/**
 * toString against PyTorch's printing (torch/_tensor_str.py, 1.13): the expected strings are what PyTorch prints
 * for the same values, with tapegrad's own suffixes (`shape=` for 2-D and up or summarised tensors, `dtype=` when
 * not float64, `requiresGrad=true` or `gradFn=<op>`) in place of PyTorch's (`dtype=torch.float64`,
 * `requires_grad=True`, `grad_fn=<MulBackward0>`).
 */
import { describe, expect, it } from "vitest";
import { arange, tensor, zeros } from "../../src/autograd/creation.ts";

describe("toString: numbers as PyTorch prints them", () => {
  it("whole numbers in integer mode: `1.`", () => {
    expect(tensor([1, 2, 3]).toString()).toBe("tensor([1., 2., 3.])");
    expect(tensor(3).toString()).toBe("tensor(3.)");
    expect(tensor([0, 0]).toString()).toBe("tensor([0., 0.])");
  });

  it("other numbers with four decimals, right-aligned to a shared width", () => {
    expect(tensor([1.5, 2.25]).toString()).toBe("tensor([1.5000, 2.2500])");
    expect(tensor(2.5).toString()).toBe("tensor(2.5000)");
    expect(tensor([1, -2.5, 10]).toString()).toBe("tensor([ 1.0000, -2.5000, 10.0000])");
    expect(tensor([123456.789]).toString()).toBe("tensor([123456.7890])");
  });

  it("scientific with a two-digit exponent when min < 1e-4, max > 1e8, or max/min > 1000", () => {
    expect(tensor([1e-5, 1]).toString()).toBe("tensor([1.0000e-05, 1.0000e+00])");
    expect(tensor([1e10, 1]).toString()).toBe("tensor([1.0000e+10, 1.0000e+00])");
    expect(tensor([0.001, 10]).toString()).toBe("tensor([1.0000e-03, 1.0000e+01])");
    expect(tensor([1, 2000]).toString()).toBe("tensor([1.0000e+00, 2.0000e+03])");
    expect(tensor([-2.5e-7]).toString()).toBe("tensor([-2.5000e-07])");
  });

  it("zeros do not count towards the mode: [0, 0.5] stays fixed, [0, 1e-5] goes scientific", () => {
    expect(tensor([0, 0.5]).toString()).toBe("tensor([0.0000, 0.5000])");
    expect(tensor([0, 1e-5]).toString()).toBe("tensor([0.0000e+00, 1.0000e-05])");
  });

  it("nan and ±inf by name, padded to the shared width, and −0 with its sign", () => {
    expect(tensor([NaN, Infinity, -Infinity, 1.5]).toString()).toBe("tensor([   nan,    inf,   -inf, 1.5000])");
    expect(tensor([-0, 1]).toString()).toBe("tensor([-0.,  1.])");
    expect(tensor([-0, 0.5]).toString()).toBe("tensor([-0.0000,  0.5000])");
  });
});

describe("toString: layout", () => {
  it("one row per line, aligned under the first bracket, with the shape after", () => {
    expect(tensor([[1, 2], [3, 4]]).toString()).toBe("tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2])");
  });

  it("a blank line between the blocks of a 3-D tensor", () => {
    const expected = [
      "tensor([[[0., 1.],",
      "         [2., 3.]],",
      "",
      "        [[4., 5.],",
      "         [6., 7.]]], shape=[2, 2, 2])",
    ].join("\n");
    expect(arange(8).reshape([2, 2, 2]).toString()).toBe(expected);
  });

  it("summarises more than 1000 elements with the first and last three of each axis", () => {
    // PyTorch: the formatter sees only the shown values [0, 1, 2, 1997, 1998, 1999]; 1999/1 > 1000 → scientific.
    expect(arange(2000).toString()).toBe(
      "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03, 1.9990e+03], shape=[2000])",
    );
    // Shown values 0.1 … 1.199: max/min < 1000, so fixed mode.
    const lines = arange(1100).add(100).reshape([100, 11]).div(1000).toString().split("\n");
    expect(lines).toHaveLength(7);
    expect(lines[0]).toBe("tensor([[0.1000, 0.1010, 0.1020,  ..., 0.1080, 0.1090, 0.1100],");
    expect(lines[3]).toBe("        ...,");
    expect(lines[6]).toBe("        [1.1890, 1.1900, 1.1910,  ..., 1.1970, 1.1980, 1.1990]], shape=[100, 11])");
  });

  it("takes the width from the shown elements only: a wide hidden value does not widen the rest", () => {
    const values = Array.from({ length: 1001 }, (_, i) => (i === 500 ? 123456 : i % 2));
    expect(tensor(values).toString()).toBe("tensor([0., 1., 0.,  ..., 0., 1., 0.], shape=[1001])");
  });

  it("prints empty tensors as []", () => {
    expect(tensor([]).toString()).toBe("tensor([])");
    expect(zeros([2, 0]).toString()).toBe("tensor([[],\n        []], shape=[2, 0])");
  });
});

describe("toString: what matters for autodiff", () => {
  it("says requiresGrad=true on a leaf that requires grad, and names the op of a non-leaf", () => {
    expect(tensor([1, 2], { requiresGrad: true }).toString()).toBe("tensor([1., 2.], requiresGrad=true)");
    expect(tensor([1, 2], { requiresGrad: true }).mul(2).toString()).toBe("tensor([2., 4.], gradFn=<mul>)");
    const e2 = Math.exp(2).toFixed(4);
    expect(tensor(2, { requiresGrad: true }).exp().sum().toString()).toBe(`tensor(${e2}, gradFn=<sum>)`);
  });

  it("says nothing of gradients for detach's output, which never requires grad", () => {
    expect(tensor([1, 2], { requiresGrad: true }).detach().toString()).toBe("tensor([1., 2.])");
  });

  it("names the dtype when it is not the default float64", () => {
    expect(tensor([1, 2], { dtype: "float32" }).toString()).toBe("tensor([1., 2.], dtype=float32)");
    expect(tensor([[0.5]], { dtype: "float32", requiresGrad: true }).toString()).toBe(
      "tensor([[0.5000]], shape=[1, 1], dtype=float32, requiresGrad=true)",
    );
  });
});
