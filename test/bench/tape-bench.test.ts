/**
 * bench/tape.bench.ts, the tape-overhead bench the README quotes, runs as documented: its timing line in each clock,
 * its JSON, and `--bytes` with both memory figures. Small chains: this checks the tool, not the engine's speed.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

function run(nodes: number, ...args: string[]): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bench/tape.bench.ts", "--nodes", String(nodes), ...args], {
    cwd: root,
    encoding: "utf8",
  });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return r.stdout;
}

describe("bench/tape.bench.ts", () => {
  it("times a chain in the steady state by the CPU clock, and prints its JSON", () => {
    const out = run(400, "--reps", "3", "--gc", "none", "--clock", "cpu", "--json");
    expect(out).toMatch(/^tape: chain of 400 scalar ops, ns\/node over 3 repetitions \(--gc none, cpu clock\): forward \+ backward \d+/);
    const json = JSON.parse(out.trim().split("\n").at(-1) as string) as Record<string, unknown>;
    expect(json).toMatchObject({ nodes: 400, reps: 3, gc: "none", clock: "cpu", goalNsPerNode: 150 });
    expect(json.nsPerNode).toBeGreaterThan(0);
  });

  it("--bytes gives the bytes allocated per node and the bytes a chain keeps alive per node until backward", () => {
    // Enough nodes that the chain (about 300 bytes a node) outweighs what else a full collection frees or keeps.
    const out = run(5000, "--bytes", "--json");
    expect(out).toMatch(/^tape: chain of 5000 scalar ops: \d+ bytes allocated per node .*, -?\d+ bytes alive per node until backward/);
    const json = JSON.parse(out.trim().split("\n").at(-1) as string) as Record<string, number>;
    // A node is at least its OpNode and output tensor, and a chain keeps at least its nodes until backward.
    expect(json.bytesAllocatedPerNode).toBeGreaterThan(100);
    expect(json.bytesAlivePerNode).toBeGreaterThan(50);
  });
});
