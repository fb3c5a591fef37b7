import { describe, expect, it } from "vitest";
import { addObserver, observe, type TapeObserver } from "../../src/index.ts";
import { tensor } from "../../src/autograd/creation.ts";
import { noGrad } from "../../src/autograd/mode.ts";
import type { Node } from "../../src/autograd/tape.ts";

/** An observer that writes each event as one line, with gradient values where there are some. */
function logger(log: string[], tag = ""): TapeObserver {
  return {
    opStart: (name) => log.push(`${tag}start ${name}`),
    opEnd: (name, out, node) => log.push(`${tag}end ${name} ${out.shape.length}d ${node === null ? "-" : node.def.name}`),
    nodeEnter: (node, g) => log.push(`${tag}enter ${node.def.name} [${Array.from(g.data)}]`),
    gradSent: (node, i, g) => log.push(`${tag}sent ${node.def.name}.${i} [${Array.from(g.data)}]`),
    nodeExit: (node) => log.push(`${tag}exit ${node.def.name}`),
    leafEnter: (leaf, g) => log.push(`${tag}leaf [${Array.from(g.data)}]`),
  };
}

describe("tape observer", () => {
  it("sees each op's forward start and end, and each node, gradient and leaf of the walk: y = Σ x·w", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const w = tensor([3, -4]);
    const log: string[] = [];
    observe(logger(log), () => x.mul(w).sum().backward());
    expect(log).toEqual([
      "start mul",
      "end mul 1d mul",
      "start sum",
      "end sum 0d sum",
      "enter sum [1]",
      // The rules are written with ops, which run (unrecorded) between a node's entry and what it sends.
      "start reshape",
      "end reshape 1d -",
      "start broadcastTo",
      "end broadcastTo 1d -",
      // ∂Σ/∂v = 1 per element, sent fitted to v's shape [2].
      "sent sum.0 [1,1]",
      "exit sum",
      "enter mul [1,1]",
      "start mul",
      "end mul 1d -",
      // ∂(x·w)/∂x = g·w; w requires no grad, so nothing is sent to input 1.
      "sent mul.0 [3,-4]",
      "exit mul",
      "leaf [3,-4]",
    ]);
  });

  it("reports node null for an op that recorded nothing (grad off, or no input requiring grad)", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const ends: (Node | null)[] = [];
    observe({ opEnd: (_n, _o, node) => ends.push(node) }, () => {
      noGrad(() => x.exp());
      tensor([1]).exp();
    });
    expect(ends).toEqual([null, null]);
  });

  it("fits the gradient before sending it: a broadcast operand gets the sum over the broadcast axis", () => {
    const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const b = tensor([10, 20], { requiresGrad: true });
    const sent = new Map<number, number[]>();
    const y = a.add(b).sum();
    observe({ gradSent: (node, i, g) => node.def.name === "add" && sent.set(i, Array.from(g.data)) }, () => y.backward());
    expect(sent.get(0)).toEqual([1, 1, 1, 1]);
    expect(sent.get(1)).toEqual([1 + 1, 1 + 1]);
  });

  it("nests: an inner observer sees only its own span, the outer one everything, outer first", () => {
    const x = tensor([2], { requiresGrad: true });
    const log: string[] = [];
    observe(logger(log, "outer "), () => {
      x.neg();
      observe(logger(log, "inner "), () => x.exp());
      x.abs();
    });
    expect(log.filter((l) => l.includes("start"))).toEqual([
      "outer start neg", "outer start exp", "inner start exp", "outer start abs",
    ]);
  });

  it("stops seeing events once removed, also when the observed function throws", () => {
    const log: string[] = [];
    expect(() => observe(logger(log), () => {
      throw new Error("boom");
    })).toThrow("boom");
    const handle = addObserver(logger(log));
    tensor([1]).exp();
    handle.remove();
    handle.remove();
    tensor([1]).exp();
    expect(log).toEqual(["start exp", "end exp 1d -"]);
  });

  it("counts a node's saved bytes: exp keeps its float64 output (8 bytes per element), add keeps nothing", () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const e = x.exp();
    expect(e.node!.savedBytes).toBe(3 * 8);
    expect(x.add(x).node!.savedBytes).toBe(0);
    // mul reads both inputs; the same storage twice counts once.
    expect(x.mul(x).node!.savedBytes).toBe(3 * 8);
    expect(x.to("float32").mul(tensor([1, 2, 3], { dtype: "float32" })).node!.savedBytes).toBe(2 * 3 * 4);
  });
});
