import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../src/autograd/errors.ts";
import { DEFAULT_RUN } from "../../../src/perturb/sweep/config.ts";
import type { Cell } from "../../../src/perturb/sweep/grid.ts";
import { runCells, SweepWorkerError } from "../../../src/perturb/sweep/pool.ts";
import { runSweep } from "../../../src/perturb/sweep/run-sweep.ts";

const tiny = { ...DEFAULT_RUN, epochs: 1, trainLimit: 64, hidden: [4] };
const good: Cell = { kind: "loss", scale: 0.1, optimizer: "sgd", seed: 0 };
const bad = { kind: "weights", scale: 0.1, optimizer: "sgd", seed: 0 } as unknown as Cell;

describe("runCells", () => {
  it("a run that throws inside a worker thread rejects with a SweepWorkerError naming the cell and the cause", async () => {
    await expect(runCells([good, bad, good], tiny, { workers: 2 })).rejects.toThrow(SweepWorkerError);
    await expect(runCells([bad], tiny, { workers: 2 })).rejects.toThrow(/unknown noise kind 'weights'/);
    await expect(runCells([good, bad], tiny, { workers: 2 })).rejects.toThrow(/the run weights scale 0.1 sgd seed 0 failed/);
  });

  it("in this thread (one worker) the error is thrown as it is", async () => {
    await expect(runCells([bad], tiny, { workers: 1 })).rejects.toThrow(ArgumentError);
  });

  it("runSweep checks the run configuration before starting any thread", async () => {
    await expect(runSweep({ run: { data: "mnist" } })).rejects.toThrow(/unknown data set 'mnist'/);
    await expect(runSweep({ run: { activation: "swish" } })).rejects.toThrow(/unknown activation 'swish'/);
    await expect(runSweep({ run: { epochs: 0 } })).rejects.toThrow(/epochs must be a positive integer/);
    await expect(runSweep({ run: { lr: { sgd: -1, momentum: 0.1, adam: 0.1 } } })).rejects.toThrow(/sgd learning rate/);
  });
});
