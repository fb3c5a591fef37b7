import { describe, expect, it } from "vitest";
import { Mulberry32, matmulData, mlpData, noiseStream } from "../../bench/data.ts";

/** mulberry32 transcribed from its definition in exact unsigned 32-bit BigInt arithmetic, with no Math.imul or |0. */
function reference(seed: number): () => number {
  const M = 1n << 32n;
  const mul = (a: bigint, b: bigint) => (a * b) % M;
  let state = BigInt.asUintN(32, BigInt(seed));
  return () => {
    state = (state + 0x6d2b79f5n) % M;
    let t = state;
    t = mul(t ^ (t >> 15n), t | 1n);
    t = t ^ ((t + mul(t ^ (t >> 7n), t | 61n)) % M);
    return Number(t ^ (t >> 14n)) / 2 ** 32;
  };
}

describe("Mulberry32", () => {
  it("equals the BigInt transcription of mulberry32 bit for bit, over 2000 draws of several seeds", () => {
    for (const seed of [0, 1, 42, 101, 202, 203, 303, 404, -7, 2 ** 31 - 1, 2 ** 32 - 5]) {
      const ours = new Mulberry32(seed);
      const ref = reference(seed);
      for (let i = 0; i < 2000; i++) expect(ours.next()).toBe(ref());
    }
  });

  it("gives the first outputs of seed 42 that an independent implementation pins", () => {
    const r = new Mulberry32(42);
    const pinned = [0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693, 0.17481389874592423];
    for (const v of pinned) expect(r.next()).toBe(v);
  });

  it("uniform(count, lo, hi) maps each draw u to lo + (hi − lo)·u in stream order", () => {
    const ref = reference(9);
    const out = new Mulberry32(9).uniform(50, -0.5, 2);
    for (let i = 0; i < 50; i++) expect(out[i]).toBe(-0.5 + 2.5 * ref());
  });
});

describe("workload data", () => {
  it("an MSE MLP draws W1, b1, W2, b2, x, y in that order, weights and biases U(±1/√fan_in)", () => {
    const d = mlpData(5, [2, 3, 1], 2, "mse");
    const u = reference(5);
    const draw = (n: number, bound: number) => Array.from({ length: n }, () => -bound + 2 * bound * u());
    expect([...d.weights[0]]).toEqual(draw(6, 1 / Math.sqrt(2)));
    expect([...d.biases[0]]).toEqual(draw(3, 1 / Math.sqrt(2)));
    expect([...d.weights[1]]).toEqual(draw(3, 1 / Math.sqrt(3)));
    expect([...d.biases[1]]).toEqual(draw(1, 1 / Math.sqrt(3)));
    expect([...d.x]).toEqual(draw(4, 1));
    expect([...(d.targets as Float64Array)]).toEqual(draw(2, 1));
    expect(d.labels).toBeNull();
  });

  it("a classification MLP ends with labels floor(u · classes)", () => {
    const d = mlpData(202, [64, 128, 64, 10], 64, "xent");
    const u = reference(202);
    const skip = 64 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10 + 64 * 64;
    for (let i = 0; i < skip; i++) u();
    expect([...(d.labels as Int32Array)]).toEqual(Array.from({ length: 64 }, () => Math.floor(u() * 10)));
    expect(d.targets).toBeNull();
  });

  it("W4's operands are A then B, U(−1, 1), and W5's noise is U(−0.1, 0.1) from seed + 1", () => {
    const { a, b } = matmulData(404, 4);
    const u = reference(404);
    for (const m of [a, b]) for (let i = 0; i < 16; i++) expect(m[i]).toBe(-1 + 2 * u());
    const noise = noiseStream(202);
    const v = reference(203);
    for (let i = 0; i < 100; i++) expect(noise()).toBe(-0.1 + 0.2 * v());
  });
});
