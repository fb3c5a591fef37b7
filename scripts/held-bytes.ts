/**
 * The bytes a held loss keeps alive after backward, for one W3-shaped step (MLP 784-256-128-10, ReLU, batch 128,
 * float32, softmax cross-entropy): every storage reachable from the loss through the graph (inputs, outputs and
 * tensor attributes of its nodes), each counted once, leaving out the loss itself and the parameters (which the
 * model holds anyway): `heldBytes` from tapegrad/testing. 0 since nodes release their values as backward passes
 * them, as PyTorch's do; `--retain` backpropagates with retainGraph: true, to show what that keeps.
 *
 *   npx tsx scripts/held-bytes.ts
 */
import { Generator, nn, randn, type Tensor } from "../src/index.ts";
import { heldBytes } from "../src/testing/index.ts";

const generator = new Generator(303);
const params = nn.MLP([784, 256, 128, 10], { activation: "relu", generator }).parameters().map((p) => {
  const q = p.detach().to("float32");
  q.requiresGrad = true;
  return q;
});
const x = randn([128, 784], { dtype: "float32", generator });
let h: Tensor = x;
for (let i = 0; i < 3; i++) {
  h = nn.functional.linear(h, params[2 * i], params[2 * i + 1]);
  if (i < 2) h = h.relu();
}
const loss = nn.functional.crossEntropy(h, Array.from({ length: 128 }, (_, i) => i % 10));
loss.backward({ retainGraph: process.argv.includes("--retain") });

const held = heldBytes(loss, [loss, ...params]);
console.log(
  `a held loss keeps ${held.bytes} bytes (${(held.bytes / 1024).toFixed(1)} KiB) of values alive after backward, ` +
    `in ${held.storages} storages`,
);
