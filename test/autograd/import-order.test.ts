/**
 * The Tensor class and the ops import each other (methods call ops; ops make tensors). Node's ES modules then
 * evaluate in an order that depends on which file is loaded first, so each entry below is loaded first in a fresh
 * process: none may touch an op, or a combinator, before it has run.
 */
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const ENTRIES = [
  "src/autograd/ops/add.ts",
  "src/autograd/ops/tanh.ts",
  "src/autograd/ops/gate.ts",
  "src/autograd/ops/matmul.ts",
  "src/autograd/ops/table.ts",
  "src/autograd/op.ts",
  "src/autograd/tape.ts",
  "src/autograd/creation.ts",
  "src/autograd/custom-op.ts",
  "src/nn/functional/linear.ts",
  "src/perturb/perturb-op.ts",
];

describe("the tensor ↔ ops import cycle can be entered at any file", () => {
  it.each(ENTRIES)("loading %s first, then using an op, works", async (entry) => {
    const script =
      `await import(${JSON.stringify(pathToFileURL(join(root, entry)).href)});` +
      `const { tensor } = await import(${JSON.stringify(pathToFileURL(join(root, "src/index.ts")).href)});` +
      `const x = tensor([1, 2], { requiresGrad: true }); x.mul(3).tanh().sum().backward();` +
      `console.log(x.grad.data.length);`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { cwd: root },
    );
    expect(stdout.trim()).toBe("2");
  });
});
