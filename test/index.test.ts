/**
 * The root entry is for browsers and bundlers as well as Node: nothing in its import graph, read from the sources,
 * may import a Node built-in or a package (the packaging test bundles the built entry for a browser as well).
 */
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import * as root from "../src/index.ts";

const src = resolve(import.meta.dirname, "../src");
const IMPORT = /^\s*(?:import|export)\b[^;"']*?\bfrom\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;

/** Every bare specifier reachable from `entry`, with the chain of files that leads to it. */
function bareImports(entry: string): { files: number; bare: string[] } {
  const via = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  const bare: string[] = [];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith(".")) {
        const chain = [spec];
        for (let f: string | null | undefined = file; f; f = via.get(f)) chain.push(relative(src, f));
        bare.push(chain.join(" ← "));
      } else {
        const target = resolve(dirname(file), spec);
        if (!via.has(target)) {
          via.set(target, file);
          queue.push(target);
        }
      }
    }
  }
  return { files: via.size, bare };
}

describe("the root entry (tapegrad)", () => {
  it("imports no Node built-in and no package anywhere in its graph", () => {
    const { files, bare } = bareImports(resolve(src, "index.ts"));
    expect(files).toBeGreaterThan(100);
    expect(bare).toEqual([]);
  });

  it("leaves files, the bundled data sets and the sweep to tapegrad/node", () => {
    for (const name of ["saveSafetensors", "loadSafetensors", "runSweep", "renderSvg", "buildReport", "loadDigits"]) {
      expect(Object.keys(root)).not.toContain(name);
    }
    expect(Object.keys(root.perturb)).not.toContain("runSweep");
    expect(Object.keys(root.explain)).not.toContain("renderSvg");
  });
});
