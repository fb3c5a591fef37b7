import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const run = (dir: string) =>
  spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts/deps-graph.ts"), dir], { cwd: root, encoding: "utf8" });

describe("deps-graph: the runtime import graph of a directory, and its cycles", () => {
  it("src/autograd has none: every file listed, a load order printed, exit 0", () => {
    const r = run("src/autograd");
    expect(r.stdout).toMatch(/^tensor-base\.ts -> dtype\.ts, errors\.ts, format\.ts, shape\.ts, storage-pool\.ts$/m);
    expect(r.stdout).toMatch(/^tensor\.ts -> methods\.ts, tensor-base\.ts$/m);
    expect(r.stdout).toMatch(/no cycles among \d+ files of src\/autograd/);
    expect(r.status).toBe(0);
  });

  it("a cycle through a value import is named and fails; one through `import type` does not count", () => {
    const dir = mkdtempSync(join(tmpdir(), "deps-graph-"));
    writeFileSync(join(dir, "a.ts"), 'import { b } from "./b.ts";\nexport const a = () => b;\n');
    writeFileSync(join(dir, "b.ts"), 'import type { T } from "./c.ts";\nexport { a as b } from "./a.ts";\n');
    writeFileSync(join(dir, "c.ts"), 'import { a } from "./a.ts";\nexport type T = typeof a;\n');
    const r = run(dir);
    expect(r.stdout).toContain("cycle: a.ts -> b.ts -> a.ts");
    expect(r.stdout).toContain("1 cycle(s)");
    expect(r.status).toBe(1);
  });
});
