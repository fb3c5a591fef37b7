/**
 * An optimizer step allocates nothing in steady state. Two checks: the state buffers are the same objects after
 * many steps, and the heap does not grow over thousands of steps while no garbage collection runs (a step that
 * allocated even one small typed array would add ~100 bytes per step, megabytes over the run, and trigger
 * scavenges; a control loop that does allocate shows the measurement can see it).
 */
import { PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { Generator, randn } from "../../../src/index.ts";
import { MLP } from "../../../src/nn/index.ts";
import { Adam, AdamW, type Optimizer, SGD } from "../../../src/nn/optim/index.ts";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

function setup(make: (p: ReturnType<typeof MLP>["parameters"] extends () => infer P ? P : never) => Optimizer) {
  const model = MLP([16, 32, 4], { generator: new Generator(0) });
  const g = new Generator(1);
  for (const p of model.parameters()) p.grad = randn(p.shape, { generator: g }).mul(1e-3);
  return make(model.parameters());
}

/**
 * Heap growth over `steps` calls, in rounds after a warm-up; a round counts only if no GC ran during it (a GC
 * would hide allocation). Returns the smallest growth among clean rounds, or Infinity if every round saw a GC.
 */
async function measure(run: (steps: number) => void, steps: number): Promise<number> {
  run(20_000); // warm up: let V8 optimise the loop
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    let gcs = 0;
    const obs = new PerformanceObserver((list) => (gcs += list.getEntries().length));
    obs.observe({ entryTypes: ["gc"] });
    gc();
    await new Promise((r) => setTimeout(r, 5));
    gcs = 0;
    const before = process.memoryUsage().heapUsed;
    run(steps);
    const after = process.memoryUsage().heapUsed;
    await new Promise((r) => setTimeout(r, 5));
    obs.disconnect();
    if (gcs === 0) best = Math.min(best, after - before);
  }
  return best;
}

const cases: [string, (p: ReturnType<ReturnType<typeof MLP>["parameters"]>) => Optimizer][] = [
  ["SGD with momentum and nesterov", (p) => new SGD(p, { lr: 1e-3, momentum: 0.9, nesterov: true, weightDecay: 1e-4 })],
  ["Adam (amsgrad)", (p) => new Adam(p, { lr: 1e-4, weightDecay: 1e-4, amsgrad: true })],
  ["AdamW", (p) => new AdamW(p, { lr: 1e-4 })],
];

describe("optimizer steps allocate nothing", () => {
  for (const [name, make] of cases) {
    it(`${name}: same state buffers, heap growth < 4 bytes/step over 50 000 steps without GC`, async () => {
      const opt = setup(make);
      opt.step();
      const buffers = opt instanceof SGD ? [opt.momentumBuffer(0)] : [(opt as Adam).state(0)?.expAvg, (opt as Adam).state(0)?.expAvgSq];
      const steps = 50_000;
      const bytes = await measure((n) => {
        for (let i = 0; i < n; i++) opt.step();
      }, steps);
      const after = opt instanceof SGD ? [opt.momentumBuffer(0)] : [(opt as Adam).state(0)?.expAvg, (opt as Adam).state(0)?.expAvgSq];
      after.forEach((b, i) => expect(b).toBe(buffers[i]));
      // The smallest heap object V8 can make (a boxed number) takes 12 bytes: under 4 bytes per step means none is
      // made per step; what remains is fixed noise from the test runner sharing the heap.
      expect(bytes).toBeLessThan(4 * steps);
    });
  }

  it("control: a loop that allocates one small Float64Array per step is detected", async () => {
    const opt = setup(cases[0][1]);
    const keep: Float64Array[] = [];
    const bytes = await measure((n) => {
      for (let i = 0; i < n; i++) {
        opt.step();
        const a = new Float64Array(8);
        if (i % 1000 === 0) keep.push(a);
      }
    }, 20_000);
    expect(bytes).toBeGreaterThan(20 * 20_000);
  });
});
