/**
 * Training an MLP with tapegrad's nn, the way a PyTorch script does it: a seeded model, a data set split into train
 * and test, an optimizer, and fit's per-epoch log. Run it with `npx tsx examples/train-moons.ts`.
 * (The package entry exports the same names: `import { evaluate, fit, Generator, loadDataset, nn, optim } from "tapegrad"`.)
 */
import { Generator } from "../src/autograd/random.ts";
import * as nn from "../src/nn/index.ts";
import * as optim from "../src/nn/optim/index.ts";

const { evaluate, fit } = nn;
const { loadDataset } = nn.data;

export function runTrainMoons(epochs = 40): { trainAccuracy: number; testAccuracy: number; lines: string[] } {
  const data = loadDataset("moons", { n: 1000, noise: 0.1, seed: 0 }); // 800 train / 200 test, standardised
  const model = nn.MLP([2, 32, 32, 2], { activation: "relu", generator: new Generator(0) });
  const optimizer = new optim.Adam(model.parameters(), { lr: 0.01 });
  const lines: string[] = [];
  const history = fit(model, data, {
    optimizer,
    epochs,
    batchSize: 32,
    loss: "crossEntropy",
    callbacks: {
      onEpoch: (e) => {
        if (e.epoch % 10 === 0) lines.push(`epoch ${e.epoch}: train loss ${e.trainLoss.toFixed(4)}, test accuracy ${e.testAccuracy}`);
      },
    },
  });
  const last = history.epochs[history.epochs.length - 1];
  return { trainAccuracy: evaluate(model, data.train).accuracy, testAccuracy: last.testAccuracy, lines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { lines, trainAccuracy } = runTrainMoons();
  for (const line of lines) console.log(line);
  console.log(`train accuracy ${trainAccuracy}`);
}
