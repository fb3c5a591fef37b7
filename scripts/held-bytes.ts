/**
 * The bytes a held loss keeps alive after backward, for one W3-shaped step (MLP 784-256-128-10, ReLU, batch 128,
 * float32, softmax cross-entropy): every storage reachable from the loss through the graph (inputs, outputs and
 * tensor attributes of its nodes), each counted once, leaving out the loss itself and the parameters (which the
 * model holds anyway). The goal, as in PyTorch after a backward without retainGraph: 0.
 *
 *   npx tsx scripts/held-bytes.ts
 */
import { Generator, nn, randn, type Tensor } from "../src/index.ts";

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
loss.backward();

const skip = new Set<Tensor>([loss, ...params]);
const buffers = new Set<ArrayBufferLike>();
const seen = new Set<Tensor>();
const work: Tensor[] = [loss];
let bytes = 0;
while (work.length > 0) {
  const t = work.pop() as Tensor;
  if (seen.has(t)) continue;
  seen.add(t);
  if (!skip.has(t) && !buffers.has(t.data.buffer)) {
    buffers.add(t.data.buffer);
    bytes += t.data.byteLength;
  }
  const node = t.node;
  if (node === null) continue;
  work.push(...node.inputs, node.output);
  if (node.attrs !== null && typeof node.attrs === "object") {
    for (const v of Object.values(node.attrs)) if (v !== null && typeof v === "object" && "data" in v) work.push(v as Tensor);
  }
}
console.log(`a held loss keeps ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB) alive after backward, in ${buffers.size} storages`);
