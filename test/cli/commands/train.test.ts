import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../../src/cli/args.ts";
import { UsageError } from "../../../src/cli/args.ts";
import { trainCommand } from "../../../src/cli/commands/train.ts";
import { memoryIo } from "../../../src/cli/io.ts";
import { MLP } from "../../../src/nn/index.ts";
import { loadSafetensors, readSafetensors } from "../../../src/nn/safetensors-file.ts";

const dir = mkdtempSync(join(tmpdir(), "tapegrad-train-cli-"));
const run = async (argv: string[]) => {
  const io = memoryIo();
  const result = await trainCommand.run(parseArgs(argv, trainCommand.options), io);
  return { io, result };
};

describe("tapegrad train", () => {
  it("prints a header, one row per epoch and the final test accuracy; returns the figures", async () => {
    const { io, result } = await run(["--data", "iris", "--hidden", "16", "--epochs", "5", "--lr", "0.01", "--batch-size", "16"]);
    expect(io.lines[0]).toMatch(/^training MLP 4-16-3 \(relu\) on iris: 120 train \/ 30 test samples, adam lr 0.01/);
    expect(io.lines[1]).toMatch(/epoch\s+train loss\s+train acc\s+test loss\s+test acc\s+lr\s+time/);
    const rows = io.lines.filter((l) => /^\s+\d+\s/.test(l));
    expect(rows.map((r) => Number(r.trim().split(/\s+/)[0]))).toEqual([1, 2, 3, 4, 5]);
    const acc = result.testAccuracy as number;
    expect(io.lines.at(-1)).toBe(`final test accuracy ${(100 * acc).toFixed(2)}% (${Math.round(acc * 30)}/30) in ${(result.seconds as number).toFixed(2)} s`);
    expect(result).toMatchObject({ data: "iris", sizes: [4, 16, 3], optimizer: "adam", epochs: 5, steps: 5 * 8 });
    expect(typeof result.trainLoss).toBe("number");
  });

  it("--save writes weights that load into the same MLP; --plot writes the curves as SVG", async () => {
    const save = join(dir, "m.safetensors");
    const plot = join(dir, "curve.svg");
    await run(["--data", "moons", "--hidden", "8,8", "--act", "tanh", "--epochs", "2", "--save", save, "--plot", plot]);
    const model = MLP([2, 8, 8, 2], { activation: "tanh" });
    model.loadStateDict(loadSafetensors(save));
    expect(readSafetensors(save).metadata).toEqual({ data: "moons", sizes: "2,8,8,2", activation: "tanh" });
    const svg = readFileSync(plot, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain(">accuracy</text>");
  });

  it("regression data (sine) reports the test loss, and null accuracy in the results", async () => {
    const { io, result } = await run(["--data", "sine", "--hidden", "8", "--act", "tanh", "--epochs", "2"]);
    expect(result.testAccuracy).toBeNull();
    expect(io.lines.at(-1)).toMatch(/^final test loss \d+\.\d{6} in/);
  });

  it("unknown data sets, optimizers, activations and unwritable paths are errors naming the flag, raised before training", async () => {
    await expect(run(["--data", "mnist"])).rejects.toThrow(UsageError);
    await expect(run(["--data", "mnist"])).rejects.toThrow(/--data: unknown data set 'mnist'; choose one of: digits, iris/);
    await expect(run(["--opt", "rmsprop"])).rejects.toThrow(/--opt: unknown optimizer 'rmsprop'; choose one of: sgd, adam, adamw/);
    await expect(run(["--act", "swish", "--data", "iris"])).rejects.toThrow(/unknown activation 'swish'/);
    const t0 = performance.now();
    await expect(run(["--save", join(dir, "missing", "m.safetensors")])).rejects.toThrow(/cannot write the weights \(--save\) to .*: its directory does not exist/);
    await expect(run(["--plot", dir])).rejects.toThrow(/cannot write the plot \(--plot\) to .*: it is a directory/);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(existsSync(join(dir, "missing"))).toBe(false);
  });

  it("npx tapegrad train --json ends stdout with the results object", () => {
    const bin = new URL("../../../bin/tapegrad.js", import.meta.url).pathname;
    const r = spawnSync(process.execPath, [bin, "train", "--data", "iris", "--hidden", "8", "--epochs", "2", "--json"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const last = JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}");
    expect(Object.keys(last)).toEqual(expect.arrayContaining(["testAccuracy", "trainLoss", "seconds"]));
    expect(r.stderr).toBe(""); // no progress bar when stderr is not a terminal
    const bad = spawnSync(process.execPath, [bin, "train", "--opt", "lbfgs"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("tapegrad train: --opt: unknown optimizer 'lbfgs'");
  });
});
