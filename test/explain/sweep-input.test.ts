import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/index.ts";
import { readSweep, sweepSection } from "../../src/explain/sweep-input.ts";

const run = (kind: string, scale: number, seed: number, acc: number) => ({
  kind, scale, optimizer: "sgd", seed, testAccuracy: acc, trainLoss: 0.1, uphillFraction: null,
  predictedUphill: null, meanAbsFac: null, facByEpoch: [], lossByEpoch: [], steps: 10, seconds: 1, diverged: false,
});

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "tapegrad-sweep-")), "sweep.jsonl");
  writeFileSync(path, content);
  return path;
}

describe("readSweep", () => {
  it("aggregates JSON lines of runs over seeds (mean and sample std), skipping a broken last line", () => {
    const runs = [run("clean", 0, 0, 0.9), run("clean", 0, 1, 0.8), run("loss", 1, 0, 0.5)];
    const lines = runs.map((r) => JSON.stringify(r));
    const s = readSweep(file(lines.join("\n") + '\n{"kind": "lo'));
    const clean = s.rows.find((r) => r.kind === "clean")!;
    expect(clean.runs).toBe(2);
    expect(clean.accuracyMean).toBeCloseTo((0.9 + 0.8) / 2, 15);
    expect(clean.accuracyStd).toBeCloseTo(Math.sqrt(((0.9 - 0.85) ** 2 + (0.8 - 0.85) ** 2) / 1), 15);
    expect(s.rows.find((r) => r.kind === "loss")!.runs).toBe(1);
    expect(s.results).toHaveLength(3);
  });

  it("takes a JSON table of rows as it is", () => {
    const row = { kind: "loss", scale: 0.3, optimizer: "adam", runs: 2, accuracyMean: 0.7, accuracyStd: 0.01,
      uphillFraction: 0, predictedUphill: 0, meanAbsFac: 0.1, diverged: 0 };
    const read = readSweep(file(JSON.stringify({ grid: {}, rows: [row] })));
    expect(read.rows).toEqual([row]);
    expect(read.results).toBeUndefined();
    expect(sweepSection([row])).toEqual({ rows: [row] });
    expect(sweepSection([{ ...row, optimizer: "lbfgs" }])).toBeNull();
  });

  it("names the file and the reason for a missing or foreign file", () => {
    expect(() => readSweep("/nonexistent/sweep.json")).toThrow(ArgumentError);
    expect(() => readSweep("/nonexistent/sweep.json")).toThrow(/cannot read the sweep result .*: it does not exist/);
    expect(() => readSweep(file('{"hello": 1}'))).toThrow(/is not a sweep result/);
    expect(() => readSweep(file(""))).toThrow(/is not a sweep result/);
  });
});
