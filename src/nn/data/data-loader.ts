import { ArgumentError } from "../../autograd/errors.ts";
import { Generator } from "../../autograd/random.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { checkDataset, numSamples, takeLabels, takeRows, type Dataset } from "./dataset.ts";

export interface Batch {
  readonly x: Tensor;
  readonly y: Int32Array | Tensor;
  /** The sample indices in this batch. */
  readonly index: Int32Array;
}

export interface DataLoaderOptions {
  batchSize?: number;
  /** A new seeded order every epoch (default false, as PyTorch). */
  shuffle?: boolean;
  /** The generator of the shuffles (default: Generator(0)). */
  generator?: Generator;
  /** Drop a last batch smaller than batchSize. */
  dropLast?: boolean;
}

/**
 * Batches of a data set, as torch.utils.data.DataLoader: iterate it once per epoch. With shuffle, each pass
 * draws a fresh permutation from the generator, so a seeded loader gives the same batches run after run.
 */
export class DataLoader implements Iterable<Batch> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly generator: Generator;

  constructor(readonly data: Dataset, options: DataLoaderOptions = {}) {
    checkDataset("DataLoader", data);
    this.batchSize = options.batchSize ?? 32;
    if (!Number.isInteger(this.batchSize) || this.batchSize <= 0) {
      throw new ArgumentError(`DataLoader: batchSize must be a positive integer, got ${options.batchSize}`);
    }
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.generator = options.generator ?? new Generator(0);
  }

  /** Batches per pass. */
  get length(): number {
    const n = numSamples(this.data);
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<Batch> {
    const n = numSamples(this.data);
    const order = this.shuffle ? Int32Array.from(this.generator.permutation(n)) : Int32Array.from({ length: n }, (_, i) => i);
    const batches = this.length;
    for (let b = 0; b < batches; b++) {
      const index = order.subarray(b * this.batchSize, Math.min(n, (b + 1) * this.batchSize));
      const y = this.data.y;
      yield { x: takeRows(this.data.x, index), y: y instanceof Int32Array ? takeLabels(y, index) : takeRows(y, index), index };
    }
  }
}
