import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tensor } from "../src/index.ts";
import * as node from "../src/node.ts";

describe("tapegrad/node", () => {
  it("holds the parts that need Node: files, the bundled data sets, the sweep, the pictures", () => {
    for (const name of [
      "saveSafetensors", "loadSafetensors", "readSafetensors", "checkpointFile", "loadDigits", "loadDataset",
      "runSweep", "writeSweepOutputs", "renderSvg", "buildReport", "readSweep", "writeFileAtomic", "digitsSetup",
    ]) expect(typeof (node as Record<string, unknown>)[name]).toBe("function");
  });

  it("its loadDataset knows the real sets; its safetensors files round-trip the root's tensors", () => {
    expect(node.loadDataset("iris").train.x.shape).toEqual([120, 4]);
    const file = join(mkdtempSync(join(tmpdir(), "tapegrad-node-")), "w.safetensors");
    node.saveSafetensors(file, { w: tensor([[1, 2], [3, 4]]) });
    expect(node.loadSafetensors(file).w.toArray()).toEqual([[1, 2], [3, 4]]);
  });
});
