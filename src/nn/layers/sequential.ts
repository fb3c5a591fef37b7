import { ArgumentError } from "../../autograd/errors.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { Module } from "../module.ts";

/** Modules applied in order; they are named "0", "1", … as in torch.nn.Sequential, so state-dict keys match. */
export class Sequential extends Module {
  readonly layers: readonly Module[];

  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw new ArgumentError(`Sequential: argument ${i} is not a Module`);
      this.registerModule(String(i), m);
    });
    this.layers = modules;
  }

  get length(): number {
    return this.layers.length;
  }

  at(i: number): Module {
    const m = this.layers.at(i);
    if (m === undefined) throw new ArgumentError(`Sequential: no layer ${i} (it has ${this.layers.length})`);
    return m;
  }

  forward(x: Tensor): Tensor {
    let y = x;
    for (let i = 0; i < this.layers.length; i++) y = this.layers[i].forward(y);
    return y;
  }
}
