/**
 * Every TypeScript block of the README (and of the docs) runs as written: a block's `from "tapegrad"` and
 * `from "tapegrad/testing"` point at this checkout's entries, and a block with no imports of its own gets the
 * entry's names it uses. A block that throws fails its test, so the README cannot drift from the API.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import * as entry from "../src/index.ts";

const root = resolve(import.meta.dirname, "..");
const main = pathToFileURL(join(root, "src/index.ts")).href;
const testing = pathToFileURL(join(root, "src/testing/index.ts")).href;
const dir = mkdtempSync(join(tmpdir(), "tapegrad-readme-"));

function blocks(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

function runnable(code: string): string {
  const linked = code
    .replaceAll(`from "tapegrad/testing"`, `from ${JSON.stringify(testing)}`)
    .replaceAll(`from "tapegrad"`, `from ${JSON.stringify(main)}`);
  if (/^import /m.test(code)) return linked;
  const used = Object.keys(entry).filter((name) => new RegExp(`\\b${name}\\b`).test(code));
  return `import { ${used.join(", ")} } from ${JSON.stringify(main)};\n${linked}`;
}

for (const file of ["README.md", "docs/perturb.md", "docs/benchmarking.md"]) {
  describe(`${file}: every ts block runs`, () => {
    blocks(file).forEach((code, i) => {
      it(`block ${i + 1} (${code.split("\n")[0].slice(0, 60)})`, async () => {
        const path = join(dir, `${file.replace(/\W/g, "_")}-${i + 1}.ts`);
        writeFileSync(path, runnable(code));
        await expect(import(pathToFileURL(path).href)).resolves.toBeDefined();
      });
    });
  });
}
