/**
 * Every TypeScript block of the README (and of the docs) runs as pasted: each is written, unchanged, to a module
 * of its own and imported, its `from "tapegrad"`, `"tapegrad/node"` and `"tapegrad/testing"` resolving to this
 * checkout's entries (vitest.config.ts). A block that throws, or that uses a name it does not import, fails, so
 * the README cannot drift from the API. (test/package.test.ts runs the built package itself.)
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "tapegrad-readme-"));

function blocks(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

for (const file of ["README.md", "docs/perturb.md", "docs/benchmarking.md"]) {
  describe(`${file}: every ts block runs as pasted`, () => {
    blocks(file).forEach((code, i) => {
      it(`block ${i + 1} (${code.split("\n")[0].slice(0, 60)})`, async () => {
        expect(code).toMatch(/^import .* from "tapegrad(\/node|\/testing)?";$/m);
        const path = join(dir, `${file.replace(/\W/g, "_")}-${i + 1}.ts`);
        writeFileSync(path, code);
        await expect(import(pathToFileURL(path).href)).resolves.toBeDefined();
      });
    });
  });
}
