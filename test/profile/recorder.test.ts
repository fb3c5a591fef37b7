import { describe, expect, it } from "vitest";
import { tensor } from "../../src/autograd/creation.ts";
import { observe } from "../../src/autograd/observer.ts";
import { Recorder } from "../../src/profile/recorder.ts";

/** A clock that advances 1 ms per read: time passes only where the recorder reads it. */
function countingClock(): () => number {
  let t = 0;
  return () => ++t;
}

describe("Recorder", () => {
  it("cuts its own bookkeeping out of time: each op lasts exactly the one clock read inside its window", () => {
    const rec = new Recorder(countingClock());
    const x = tensor([1, 2, 3], { requiresGrad: true });
    observe(rec, () => rec.step(() => x.mul(2).exp().sum()));
    const ops = rec.events.filter((e) => e.track === "forward");
    expect(ops.map((e) => e.name)).toEqual(["mul", "exp", "sum"]);
    for (const e of ops) expect(e.end - e.start).toBe(1);
    // Left in the step: per op, the read inside its window and the read that opens it (no clock can time the
    // read that starts its own timing), and the read that ends the step. Everything else the recorder read is cut.
    expect(rec.steps).toEqual([3 * 2 + 1]);
    expect(rec.overheads[0]).toBeGreaterThan(0);
  });

  it("puts a node's rule's ops on the backward track inside the node, and nodes' saved bytes on forward ops", () => {
    const rec = new Recorder(countingClock());
    const x = tensor([1, 2, 3], { requiresGrad: true });
    observe(rec, () => rec.step(() => x.mul(x).sum().backward()));
    const nodes = rec.events.filter((e) => e.track === "backward" && e.output === null).map((e) => e.name);
    expect(nodes).toEqual(["sum", "mul"]);
    const mulNode = rec.events.find((e) => e.track === "backward" && e.output === null && e.name === "mul");
    const inside = rec.events.filter((e) => e.track === "backward" && e.output !== null && e.start >= (mulNode?.start ?? 0) && e.end <= (mulNode?.end ?? 0));
    expect(inside.length).toBeGreaterThan(0);
    expect(inside.every((e) => e.depth === 1)).toBe(true);
    // mul saves both inputs, x twice: one storage of 3 float64s.
    expect(rec.events.find((e) => e.track === "forward" && e.name === "mul")?.saved).toBe(3 * 8);
  });

  it("a frame an op's throw left open is dropped when an enclosing frame closes", () => {
    const rec = new Recorder(countingClock());
    observe(rec, () =>
      rec.step(() => {
        rec.opStart("outer");
        rec.opStart("failed");
        rec.opEnd("outer", tensor([1]), null);
      }),
    );
    expect(rec.events.map((e) => e.name)).toEqual(["outer"]);
  });
});
