/**
 * docs/architecture.md names files and quotes figures: every path it names exists, and the held-bytes figures are
 * what scripts/held-bytes.ts prints now.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const text = readFileSync(join(root, "docs/architecture.md"), "utf8");

describe("docs/architecture.md", () => {
  it("every source, test or script path it names exists", () => {
    const paths = [...text.matchAll(/`((?:src|test|scripts|bench)\/[\w./-]+\.ts)`/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((p) => !existsSync(join(root, p)))).toEqual([]);
  });

  it("the held-bytes table is what the script measures", () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts/held-bytes.ts"), ...args], {
        cwd: root,
        encoding: "utf8",
      }).stdout;
    expect(run()).toMatch(/keeps 0 bytes/);
    expect(text).toMatch(/\| `loss\.backward\(\)` \| 0 bytes \|/);
    const kib = /\((\d+\.\d) KiB\)/.exec(run("--retain"))?.[1];
    expect(text).toContain(`| ${Number(kib).toFixed(0)} KiB (the batch and the two hidden activations) |`);
  }, 60_000);
});
