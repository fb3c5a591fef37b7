/**
 * CLI fuzz: random argument vectors from a grammar of every command's flags and hostile values. Every run ends with
 * exit 0, 1 or 2 within a time limit, stderr holds no stack trace nor a JavaScript error class name, and no input
 * file changes. Runs in this process through main(argv); two runs go through the real bin.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Command } from "../../src/cli/command.ts";
import { COMMANDS } from "../../src/cli/commands/index.ts";
import { RAW_ERROR, runMain } from "./run-main.ts";

const dir = mkdtempSync(join(tmpdir(), "tapegrad-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const inputs = join(dir, "inputs");
mkdirSync(inputs);
writeFileSync(join(inputs, "results.jsonl"), '{"kind":"loss","scale":0.1}\n{"torn');
writeFileSync(join(inputs, "table.json"), JSON.stringify({ rows: [{ kind: "loss", scale: 1, optimizer: "sgd", accuracyMean: "x" }] }));
copyFileSync(new URL("../fixtures/nn/torch-mlp.json", import.meta.url), join(inputs, "base.json"));
writeFileSync(join(inputs, "read-only.json"), "{}");
chmodSync(join(inputs, "read-only.json"), 0o444);
const scratch = join(dir, "scratch");
mkdirSync(scratch);
writeFileSync(join(scratch, "a-file"), "x");

const snapshot = () => readdirSync(inputs).map((f) => [f, readFileSync(join(inputs, f), "utf8"), statSync(join(inputs, f)).mtimeMs]);

const NUMBERS = ["", "-5", "0", "-0", "NaN", "Infinity", "1.5", "1e400", "0x10", "9007199254740993", "constructor", "--epochs", "1,,2"];
const STRINGS = ["", "__proto__", "constructor", "toString", "../../etc/passwd", "x".repeat(300), "iris", "relu", "sgd", "auto", "0/2", "3/2"];
const INPUT_PATHS = ["", join(inputs, "results.jsonl"), join(inputs, "table.json"), join(inputs, "base.json"),
  join(inputs, "read-only.json"), inputs, join(dir, "missing", "f"), join(inputs, "table.json", "below")];
const OUTPUT_PATHS = ["", scratch, join(scratch, "a-file", "below"), join(dir, "missing", "out"), "/dev/null",
  join(inputs, "table.json"), join(scratch, "out")];
const INPUT_FLAGS = new Set(["sweep", "compare"]);
const OUTPUT_FLAGS = new Set(["out", "save", "plot", "svg"]);
/** Flags whose large valid values mean a long run by request (not a bug): kept small so that every run ends. */
/** Every command's module, loaded up front (the CLI loads only the one it runs), for its options. */
const LOADED = new Map<string, Command>(await Promise.all(COMMANDS.map(async (c) => [c.name, await c.load()] as const)));

const LONG = new Set(["epochs", "seeds", "train-limit", "batch-size", "n", "full"]);

/** Base arguments that keep a valid run short. */
const BASE: Readonly<Record<string, readonly string[]>> = {
  train: ["--data", "iris", "--epochs", "1", "--hidden", "4"],
  sweep: ["--data", "iris", "--kinds", "loss", "--scales", "0,1", "--optimizers", "sgd", "--seeds", "1", "--epochs", "1",
    "--hidden", "4", "--train-limit", "32", "--workers", "1"],
  bench: ["--only", "W9"],
  demo: ["--out", "/dev/null/x"],
};

const flagArg = (command: string) => {
  const options = LOADED.get(command)!.options;
  const names = Object.keys(options).filter((n) => !LONG.has(n));
  return fc.tuple(fc.constantFrom(...names, "constructor", "__proto__", "toString", "epoch", "hidden-size"), fc.nat()).map(([name, k]) => {
    const spec = options[name];
    const pool = INPUT_FLAGS.has(name) ? INPUT_PATHS : OUTPUT_FLAGS.has(name) ? OUTPUT_PATHS :
      spec === undefined || spec.type === "string" || spec.type === "list" ? STRINGS : NUMBERS;
    const value = pool[k % pool.length];
    return k % 5 === 0 ? [`--${name}=${value}`] : spec?.type === "boolean" ? [`--${name}`] : [`--${name}`, value];
  });
};

const argvArb = fc.constantFrom("train", "sweep", "report", "explain", "bench", "demo", "example").chain((command) =>
  fc.tuple(fc.array(flagArg(command), { maxLength: 3 }), fc.constantFrom([], ["stray"], ["seed"], ["--"])).map(
    ([flags, extra]) => [command, ...(BASE[command] ?? []), ...extra, ...flags.flat()],
  ),
);

describe("CLI fuzz", () => {
  it("random argv: exit 0, 1 or 2 within 60 s, no stack trace or class name on stderr, inputs unchanged", async () => {
    const before = snapshot();
    const tried: string[] = [];
    await fc.assert(
      fc.asyncProperty(argvArb, async (argv) => {
        tried.push(argv.join(" "));
        const t0 = performance.now();
        const r = await runMain(argv);
        expect([0, 1, 2], argv.join(" ")).toContain(r.code);
        expect(r.stderr, argv.join(" ")).not.toMatch(RAW_ERROR);
        expect(performance.now() - t0, argv.join(" ")).toBeLessThan(60_000);
      }),
      { numRuns: 60, seed: Number(process.env.FUZZ_SEED ?? 12) },
    );
    expect(snapshot()).toEqual(before);
    expect(tried.length).toBe(60);
  }, 600_000);

  it("the real bin: a usage error exits 2, a runtime error 1, neither with a stack", () => {
    const usage = spawnSync(process.execPath, ["bin/tapegrad.js", "train", "--constructor"], { encoding: "utf8" });
    expect([usage.status, usage.stderr]).toEqual([2, expect.stringMatching(/^tapegrad train: unknown option --constructor\n/)]);
    const failed = spawnSync(process.execPath, ["bin/tapegrad.js", "report", "--sweep", join(inputs, "table.json"), "--out", join(scratch, "r.html")], { encoding: "utf8" });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/is not a sweep result/);
    expect(usage.stderr + failed.stderr).not.toMatch(RAW_ERROR);
  });
});
