import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSweep } from "../../src/perturb/sweep/run-sweep.ts";
import { RAW_ERROR, runMain } from "./run-main.ts";

const dir = mkdtempSync(join(tmpdir(), "tapegrad-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const grid = ["--kinds", "loss", "--scales", "0,0.5", "--optimizers", "sgd", "--seeds", "1", "--epochs", "1", "--hidden", "4",
  "--train-limit", "32", "--workers", "1"];
const iris = ["--data", "iris", ...grid];

const run = (r: { code: number; stderr: string }, code: number, message: RegExp) => {
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(RAW_ERROR);
  expect(r.code).toBe(code);
};

describe("issue 12's examples, one test each", () => {
  it("--resume of a digits sweep into an iris directory is refused, naming both fingerprints", async () => {
    const out = join(dir, "resume-other");
    expect((await runMain(["sweep", ...iris, "--out", out])).code).toBe(0);
    const before = readFileSync(join(out, "results.jsonl"));
    run(await runMain(["sweep", "--data", "digits", ...grid, "--out", out, "--resume"]), 1,
      /holds 2 result\(s\) of another configuration \(fingerprint [0-9a-f]{16}\); this sweep \(digits, .*\) has fingerprint/);
    expect(readFileSync(join(out, "results.jsonl"))).toEqual(before);
  });

  it("a torn last line is cut before --resume appends, and the table equals an unbroken run's", async () => {
    const out = join(dir, "torn");
    expect((await runMain(["sweep", ...iris, "--out", out])).code).toBe(0);
    const whole = readFileSync(join(out, "table.json"), "utf8");
    const file = join(out, "results.jsonl");
    const lines = readFileSync(file, "utf8").split("\n");
    writeFileSync(file, lines[0] + "\n" + lines[1].slice(0, 40)); // the second run killed mid-write
    const r = await runMain(["sweep", ...iris, "--out", out, "--resume"]);
    expect(r.stdout).toMatch(/cut a torn last line \(40 bytes\)/);
    expect(readFileSync(join(out, "table.json"), "utf8")).toBe(whole);
    const report = await runMain(["report", "--sweep", file, "--out", join(dir, "torn.html")]);
    expect(report.code).toBe(0);
  });

  it("a fresh sweep keeps the results it found (moved aside, not truncated)", async () => {
    const out = join(dir, "fresh");
    await runMain(["sweep", ...iris, "--out", out]);
    const old = readFileSync(join(out, "results.jsonl"), "utf8");
    const r = await runMain(["sweep", ...iris, "--out", out]);
    expect(r.stdout).toMatch(/were moved to .*results\.jsonl\.previous/);
    expect(readFileSync(join(out, "results.jsonl.previous"), "utf8")).toBe(old);
  });

  it("two sweeps on one results file at once: the second is refused, the first completes", async () => {
    const file = join(dir, "locked.jsonl");
    const options = { grid: { kinds: ["loss"] as const, scales: [0, 0.5], optimizers: ["sgd"] as const, seeds: [0, 1] },
      run: { data: "iris", epochs: 1, hidden: [4], trainLimit: 32 }, workers: 1, resultsFile: file };
    const first = runSweep(options);
    await expect(runSweep(options)).rejects.toThrow(/another sweep \(pid \d+ on .*\) is writing .*locked\.jsonl; wait for it/);
    expect((await first).results).toHaveLength(4);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it("report drops duplicate runs (last per cell) and takes a one-run results.jsonl", async () => {
    const out = join(dir, "dups");
    await runMain(["sweep", ...iris, "--out", out]);
    const file = join(out, "results.jsonl");
    const [first] = readFileSync(file, "utf8").split("\n");
    appendFileSync(file, first + "\n");
    const r = await runMain(["report", "--sweep", file, "--out", join(dir, "dups.html"), "--json"]);
    expect(JSON.parse(r.stdout.trim().split("\n").at(-1) as string).sweepRows).toBe(2);
    expect(r.stdout).not.toMatch(/3 runs/);
    const one = join(dir, "one.jsonl");
    writeFileSync(one, first + "\n");
    expect((await runMain(["report", "--sweep", one, "--out", join(dir, "one.html")])).code).toBe(0);
  });

  it("report rows with non-number fields, or accuracies 1e20 and its next float, end cleanly", async () => {
    const row = { kind: "loss", scale: 0.1, optimizer: "sgd", runs: 1, accuracyMean: 0.5, accuracyStd: "x", uphillFraction: null,
      predictedUphill: null, meanAbsFac: null, diverged: 0 };
    const bad = join(dir, "bad-rows.json");
    writeFileSync(bad, JSON.stringify({ rows: [row] }));
    run(await runMain(["report", "--sweep", bad, "--out", join(dir, "bad.html")]), 1, /is not a sweep result/);
    const close = join(dir, "close.json");
    writeFileSync(close, JSON.stringify({ rows: [1e20, 1.0000000000000002e20].map((a, i) => ({ ...row, scale: i + 1, accuracyMean: a, accuracyStd: 0 })) }));
    expect((await runMain(["report", "--sweep", close, "--out", join(dir, "close.html")])).code).toBe(0);
  });

  it("a resumed result without facByEpoch is rerun, not a crash", async () => {
    const out = join(dir, "nofac");
    await runMain(["sweep", ...iris, "--out", out]);
    const file = join(out, "results.jsonl");
    const lines = readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    delete lines[1].facByEpoch;
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const r = await runMain(["sweep", ...iris, "--out", out, "--resume", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim().split("\n").at(-1) as string)).toMatchObject({ ran: 1, resumed: 1 });
  });

  it("paths: --out a file or '', results.jsonl a directory, outputs onto inputs, bench --save a directory", async () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "keep");
    run(await runMain(["sweep", ...iris, "--out", file]), 2, /--out: cannot use .*a-file as the output directory: it is a file/);
    run(await runMain(["sweep", ...iris, "--out", ""]), 2, /--out: the directory name is empty/);
    const out = join(dir, "resdir");
    mkdirSync(join(out, "results.jsonl"), { recursive: true });
    run(await runMain(["sweep", ...iris, "--out", out, "--resume"]), 2, /results\.jsonl is not a regular file/);
    run(await runMain(["report", "--sweep", file, "--out", file]), 2, /--out and --sweep name the same file/);
    run(await runMain(["train", "--save", file, "--plot", file]), 2, /--plot and --save name the same file/);
    const t0 = performance.now();
    run(await runMain(["bench", "--save", dir, "--only", "W1"]), 1, /cannot write the results \(--save\) to .*: it is a directory/);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(readFileSync(file, "utf8")).toBe("keep");
  });

  it("flags: prototype names, --epochs=, negative, zero workers, stray words, typos; --hidden 1e9", async () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      run(await runMain(["train", `--${name}`, "--epochs", "1"]), 2, new RegExp(`unknown option --${name}`));
    }
    run(await runMain(["train", "--epochs="]), 2, /--epochs: the value is empty/);
    const neg = await runMain(["train", "--epochs", "-5"]);
    run(neg, 2, /^tapegrad train: --epochs: expected an integer ≥ 1, got '-5'/);
    expect(neg.stdout).toBe("");
    run(await runMain(["train", "--dropout", "-1"]), 2, /--dropout: expected a number ≥ 0 and < 1, got '-1'/);
    run(await runMain(["sweep", "--workers", "0"]), 2, /--workers: expected an integer ≥ 1, got '0'/);
    run(await runMain(["train", "stray"]), 2, /unexpected argument 'stray'/);
    run(await runMain(["train", "--epoch", "3"]), 2, /unknown option --epoch; did you mean --epochs\?/);
    run(await runMain(["trian"]), 2, /unknown command 'trian'; did you mean 'train'\?/);
    run(await runMain(["train", "--data", "iris", "--hidden", "1e9"]), 2, /--hidden: the MLP 4-1000000000-3 would have 8000000003 parameters/);
  });
});
