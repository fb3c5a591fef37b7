import { allocate } from "../../autograd/dtype.ts";
import { ArgumentError } from "../../autograd/errors.ts";
import { getDefaultGenerator, type Generator } from "../../autograd/random.ts";
import { Tensor } from "../../autograd/tensor.ts";
import { Module } from "../module.ts";

export interface DropoutOptions {
  generator?: Generator;
}

/**
 * In training, each element is zeroed with probability p and the rest scaled by 1/(1 − p), so the expected
 * output is the input; in eval mode it is the identity. ∂x = g·mask/(1 − p). The mask comes from a seeded
 * generator, so runs repeat bit for bit.
 */
export class Dropout extends Module {
  private readonly generator: Generator;

  constructor(readonly p = 0.5, options: DropoutOptions = {}) {
    super();
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new ArgumentError(`Dropout: p must be a probability in [0, 1], got ${p}`);
    }
    this.generator = options.generator ?? getDefaultGenerator();
  }

  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    const mask = allocate(x.dtype, x.size);
    const keep = 1 - this.p;
    const scale = keep === 0 ? 0 : 1 / keep;
    for (let i = 0; i < mask.length; i++) mask[i] = this.generator.uniform() < keep ? scale : 0;
    return x.mul(new Tensor(mask, x.shape));
  }

  protected override describe(): string {
    return `p=${this.p}`;
  }
}
