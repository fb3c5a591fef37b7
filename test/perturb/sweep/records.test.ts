import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appendResult, readResults, repairResults, toCsv } from "../../../src/perturb/sweep/records.ts";
import type { CellResult } from "../../../src/perturb/sweep/result.ts";

const dir = mkdtempSync(join(tmpdir(), "tapegrad-records-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const r = (seed: number, testAccuracy: number): CellResult => ({
  kind: "loss", scale: 0.1, optimizer: "sgd", seed, testAccuracy, trainLoss: 0.1, uphillFraction: 0,
  predictedUphill: 0, meanAbsFac: 0.5, facByEpoch: [0.5], lossByEpoch: [0.1], steps: 10, seconds: 1, diverged: false,
});

describe("sweep records (JSON lines)", () => {
  it("round-trips appended results; a torn last line is skipped and flagged; a cell written twice keeps the last", () => {
    const file = join(dir, "a.jsonl");
    writeFileSync(file, "");
    appendResult(file, r(0, 0.5));
    appendResult(file, r(1, 0.6));
    appendResult(file, r(0, 0.7));
    appendFileSync(file, '{"kind":"loss","sca');
    const { results, skipped, torn } = readResults(file);
    expect([skipped, torn]).toEqual([0, true]);
    expect(results.map((x) => [x.seed, x.testAccuracy])).toEqual([[0, 0.7], [1, 0.6]]);
  });

  it("repairResults cuts a torn last line, so the next result starts its own line and nothing is lost", () => {
    const file = join(dir, "torn.jsonl");
    writeFileSync(file, "");
    appendResult(file, r(0, 0.5));
    const fragment = '{"kind":"loss","sca';
    appendFileSync(file, fragment);
    expect(repairResults(file)).toBe(fragment.length);
    appendResult(file, r(1, 0.6));
    expect(readResults(file)).toMatchObject({ skipped: 0, torn: false });
    expect(readResults(file).results.map((x) => x.seed)).toEqual([0, 1]);
  });

  it("repairResults completes a last line that lacks only its newline, and leaves a clean file alone", () => {
    const file = join(dir, "nonl.jsonl");
    writeFileSync(file, JSON.stringify(r(0, 0.5)));
    expect(repairResults(file)).toBe(0);
    expect(readFileSync(file, "utf8").endsWith("}\n")).toBe(true);
    expect(repairResults(file)).toBe(0);
    writeFileSync(file, "garbage without newline");
    expect(repairResults(file)).toBe(23);
    expect(readFileSync(file, "utf8")).toBe("");
  });

  it("a missing file reads as no results", () => {
    expect(readResults(join(dir, "none.jsonl"))).toEqual({ results: [], skipped: 0, torn: false });
  });

  it("CSV: a header, one line per row, null and NaN as empty cells", () => {
    const csv = toCsv([{ kind: "gradient", scale: 1, optimizer: "adam", runs: 5, accuracyMean: 0.5, accuracyStd: 0.1,
      uphillFraction: null, predictedUphill: Number.NaN, meanAbsFac: null, diverged: 0 }]);
    expect(csv).toBe(
      "kind,scale,optimizer,runs,accuracyMean,accuracyStd,uphillFraction,predictedUphill,meanAbsFac,diverged\n" +
        "gradient,1,adam,5,0.5,0.1,,,,0\n",
    );
  });
});
