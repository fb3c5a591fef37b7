import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const run = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts/test-seeds.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
  });

describe("test:seeds: property files under chosen seeds", () => {
  it("--from draws the same seeds from the same text (CI passes the commit), other seeds from another", () => {
    const seedsOf = (out: string) => [...out.matchAll(/^FC_SEED=(-?\d+): \d+ passed, 0 failed/gm)].map((m) => m[1]);
    const file = "test/nn/functional/erf.test.ts";
    const a = run("--seeds", "2", "--from", "commit-a", file);
    const again = run("--seeds", "2", "--from", "commit-a", file);
    const b = run("--seeds", "2", "--from", "commit-b", file);
    expect(a.status).toBe(0);
    expect(seedsOf(a.stdout)).toHaveLength(2);
    expect(seedsOf(again.stdout)).toEqual(seedsOf(a.stdout));
    expect(seedsOf(b.stdout)).not.toEqual(seedsOf(a.stdout));
    expect(a.stdout).toMatch(/seeds: 6 passed, 0 failed/);
  }, 120_000);
});
