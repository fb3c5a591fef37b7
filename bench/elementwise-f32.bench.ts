/**
 * The float32 SIMD kernels against the JavaScript loops they replace, per call, at the sizes around SIMD_MIN and
 * those of the workloads (W2's [64, 128] = 8192, W3's [128, 256] = 32768): the relu gate, the sum over rows (16
 * columns) and along them (rows of 16), max over and along rows, the SGD step, a same-shape add, exp, tanh, sigmoid, tanh's
 * gate, softmax of rows of 16, SGD with momentum and Adam. Each figure is the median of 7 rounds that alternate
 * the two paths.
 *   npx tsx bench/elementwise-f32.bench.ts [kernel,kernel,…]
 */
import { setElementwiseF32 } from "../src/autograd/kernels/elementwise-f32-wasm.ts";
import { binary, Code } from "../src/autograd/kernels/elementwise.ts";
import { exp, sigmoid, tanh } from "../src/autograd/kernels/activation.ts";
import { gateByKind } from "../src/autograd/kernels/mask.ts";
import { tanhBackward } from "../src/autograd/kernels/pointwise.ts";
import { extreme, softmax, sum } from "../src/autograd/kernels/reduce.ts";
import { Adam } from "../src/nn/optim/adam.ts";
import { SGD } from "../src/nn/optim/sgd.ts";
import { fromStorage } from "../src/index.ts";

const nsPerCall = (f: () => void, calls: number): number => {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) f();
  return Number(process.hrtime.bigint() - t0) / calls;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const only = process.argv[2]?.split(",");
console.log("n        kernel   SIMD ns  JS ns  JS/SIMD");
for (const n of [128, 256, 512, 1024, 8192, 32768]) {
  const x = Float32Array.from({ length: n }, (_, i) => Math.sin(i) - 0.1);
  const g = Float32Array.from({ length: n }, (_, i) => Math.cos(i));
  const out = new Float32Array(n), col = new Float32Array(16);
  const param = () => {
    const p = fromStorage(Float32Array.from(x), [n], true);
    p.grad = fromStorage(g, [n]);
    return [p];
  };
  const sgd = new SGD(param(), { lr: 1e-6 });
  const momentum = new SGD(param(), { lr: 1e-6, momentum: 0.9 });
  const adam = new Adam(param(), { lr: 1e-6 });
  const rows = { outer: n / 16, r: 16, inner: 1 }, cols = { outer: 1, r: n / 16, inner: 16 };
  const all: [string, () => void][] = [
    ["gate", () => gateByKind("positive", g, x, out)],
    ["colsum", () => sum(x, cols, col)],
    ["colmax", () => extreme(x, cols, col, 1)],
    ["rowsum", () => sum(x, rows, out)],
    ["rowmax", () => extreme(x, rows, out, 1)],
    ["sgd", () => sgd.step()],
    ["add", () => binary(Code.add, (a, b) => a + b, x, [n], g, [n], out, [n])],
    ["exp", () => exp(x, out)],
    ["tanh", () => tanh(x, out)],
    ["sigmoid", () => sigmoid(x, out)],
    ["tanhgrad", () => tanhBackward(g, x, out)],
    ["softmax", () => softmax(x, rows, out, false)],
    ["momentum", () => momentum.step()],
    ["adam", () => adam.step()],
  ];
  const cases = only === undefined ? all : all.filter(([name]) => only.includes(name));
  const calls = Math.max(200, Math.round(2e6 / n));
  for (const [name, f] of cases) {
    const simd: number[] = [], js: number[] = [];
    for (let round = 0; round < 7; round++) {
      for (const on of [true, false]) {
        setElementwiseF32(on);
        nsPerCall(f, calls >> 2);
        (on ? simd : js).push(nsPerCall(f, calls));
      }
    }
    setElementwiseF32(true);
    const [s, j] = [median(simd), median(js)];
    console.log(`${String(n).padEnd(8)} ${name.padEnd(8)} ${s.toFixed(0).padStart(7)} ${j.toFixed(0).padStart(6)} ${(j / s).toFixed(2).padStart(8)}`);
  }
}
