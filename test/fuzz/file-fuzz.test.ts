/**
 * File fuzz: random byte mutations and truncations of a valid safetensors file, results.jsonl, table.json and a data
 * CSV. Each read ends in a valid result or a TapegradError (never another error, never a hang), and a model whose
 * load failed keeps its weights.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { TapegradError } from "../../src/autograd/errors.ts";
import { Generator } from "../../src/autograd/random.ts";
import { readSweep } from "../../src/explain/sweep-input.ts";
import { parseLabelledCsv } from "../../src/nn/data/csv.ts";
import { MLP } from "../../src/nn/mlp.ts";
import { parseSafetensors, serializeSafetensors } from "../../src/nn/safetensors.ts";
import { parseResults } from "../../src/perturb/sweep/records.ts";

const dir = mkdtempSync(join(tmpdir(), "tapegrad-file-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Flips, overwrites, inserts and cuts bytes of `valid`. */
const mutated = (valid: Uint8Array) =>
  fc.tuple(
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom("set", "insert", "delete")), { maxLength: 6 }),
    fc.option(fc.nat(), { nil: undefined }),
  ).map(([edits, cut]) => {
    const bytes = [...valid];
    for (const [at, value, op] of edits) {
      const i = bytes.length === 0 ? 0 : at % bytes.length;
      if (op === "set") bytes[i] = value;
      else if (op === "insert") bytes.splice(i, 0, value);
      else bytes.splice(i, 1);
    }
    return Uint8Array.from(cut === undefined ? bytes : bytes.slice(0, cut % (bytes.length + 1)));
  });

/** Runs `read`; anything thrown must be a TapegradError. Returns whether it succeeded. */
function clear(read: () => unknown): boolean {
  try {
    read();
    return true;
  } catch (e) {
    if (!(e instanceof TapegradError)) throw e;
    return false;
  }
}

const model = () => MLP([4, 3, 2], { generator: new Generator(1) });

const run = (seed: number, accuracy: number) => ({
  kind: "loss", scale: 0.5, optimizer: "sgd", seed, testAccuracy: accuracy, trainLoss: 0.3, uphillFraction: 0.1,
  predictedUphill: 0.1, meanAbsFac: 0.4, facByEpoch: [0.4], lossByEpoch: [0.3], steps: 4, seconds: 0.1, diverged: false,
  fingerprint: "0123456789abcdef",
});
const encode = (s: string) => new TextEncoder().encode(s);

describe("file fuzz", () => {
  it("safetensors: a mutated file loads or is a TapegradError; a failed load leaves the model's weights untouched", () => {
    const valid = serializeSafetensors(model().stateDict());
    fc.assert(fc.property(mutated(valid), (bytes) => {
      const m = model();
      const before = m.parameters().map((p) => [...p.data]);
      const ok = clear(() => m.loadStateDict(parseSafetensors(bytes, "fuzzed").tensors));
      if (!ok) expect(m.parameters().map((p) => [...p.data])).toEqual(before);
    }), { numRuns: 400, seed: 5 });
  });

  it("results.jsonl: parsing mutated lines never throws; report's reader gives rows or a TapegradError", () => {
    const valid = encode([run(0, 0.5), run(1, 0.75)].map((r) => JSON.stringify(r)).join("\n") + "\n");
    const file = join(dir, "results.jsonl");
    fc.assert(fc.property(mutated(valid), (bytes) => {
      const text = new TextDecoder().decode(bytes);
      const read = parseResults(text);
      expect(read.results.length).toBeLessThanOrEqual(2);
      writeFileSync(file, bytes);
      clear(() => readSweep(file));
    }), { numRuns: 300, seed: 6 });
  });

  it("table.json: a mutated table gives rows or a TapegradError", () => {
    const row = { kind: "loss", scale: 0.5, optimizer: "sgd", runs: 2, accuracyMean: 0.6, accuracyStd: 0.1, uphillFraction: 0.1,
      predictedUphill: 0.1, meanAbsFac: 0.4, diverged: 0 };
    const valid = encode(JSON.stringify({ grid: {}, run: {}, rows: [row, { ...row, scale: 1 }] }, null, 2));
    const file = join(dir, "table.json");
    fc.assert(fc.property(mutated(valid), (bytes) => {
      writeFileSync(file, bytes);
      clear(() => readSweep(file));
    }), { numRuns: 300, seed: 7 });
  });

  it("CSV: a mutated data file gives whole rows of numbers with integer labels, or a TapegradError", () => {
    const valid = encode("3,2,a,b\n0.5,1,0\n2,-3,1\n1,1,1\n");
    fc.assert(fc.property(mutated(valid), (bytes) => {
      let table: ReturnType<typeof parseLabelledCsv> | null = null;
      clear(() => (table = parseLabelledCsv(new TextDecoder().decode(bytes), "fuzzed.csv", 2, true)));
      if (table !== null) {
        const t = table as ReturnType<typeof parseLabelledCsv>;
        expect(t.x.length).toBe(2 * t.y.length);
        expect(t.x.every(Number.isFinite) && t.y.every(Number.isInteger)).toBe(true);
      }
    }), { numRuns: 400, seed: 8 });
  });
});
