/**
 * The Tensor class lives in src/autograd/tensor-base.ts without its methods; tensor.ts installs them and hands it
 * out. A module beyond src/autograd that took the class from tensor-base.ts could, in some load order (a lazily
 * loaded CLI command, a test importing one file), make tensors without `add` or `backward`. So nothing beyond
 * src/autograd imports tensor-base.ts at run time (`import type` is erased, and allowed).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === "node_modules" || name === "dist") return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|mts|mjs|js)$/.test(name) ? [path] : [];
  });
}

describe("tensor-base.ts is imported at run time only inside src/autograd", () => {
  it("no file in src (beyond autograd), test, bench or scripts imports the class without its methods", () => {
    const valueImport = /^\s*(?:import|export)\s+(?!type\s)[^;]*?from\s*["'][^"']*tensor-base(?:\.ts|\.js)?["']/m;
    const offenders = ["src", "test", "bench", "scripts"]
      .flatMap((d) => files(join(root, d)))
      .filter((f) => !f.startsWith(join(root, "src/autograd") + "/"))
      .filter((f) => valueImport.test(readFileSync(f, "utf8")))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it("a tensor made from tensor.ts alone has its methods", async () => {
    const { Tensor } = await import("../../src/autograd/tensor.ts");
    const t = new Tensor(new Float64Array([1, -2]), [2], true);
    expect(typeof t.relu).toBe("function");
    const y = t.relu().sum();
    y.backward();
    expect(Array.from(t.grad!.data)).toEqual([1, 0]);
  });
});
