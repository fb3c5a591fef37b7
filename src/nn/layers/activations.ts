/** Activation modules (no parameters), and the table that names them for MLP and the command line. */
import { ArgumentError } from "../../autograd/errors.ts";
import type { Tensor } from "../../autograd/tensor.ts";
import { gelu, type GeluOptions } from "../functional/gelu.ts";
import { Module } from "../module.ts";

export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return x.relu();
  }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}

export class GELU extends Module {
  constructor(readonly options: GeluOptions = {}) {
    super();
  }

  forward(x: Tensor): Tensor {
    return gelu(x, this.options);
  }

  protected override describe(): string {
    return this.options.approximate === "tanh" ? `approximate="tanh"` : "";
  }
}

/** The identity, for an MLP without activation. */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}

export const ACTIVATIONS = {
  relu: () => new ReLU(),
  tanh: () => new Tanh(),
  sigmoid: () => new Sigmoid(),
  gelu: () => new GELU(),
  identity: () => new Identity(),
} as const;

export type ActivationName = keyof typeof ACTIVATIONS;

/** A new activation module by name; an unknown name is an error that lists the known ones. */
export function activation(name: string): Module {
  const make = (ACTIVATIONS as Record<string, (() => Module) | undefined>)[name];
  if (make === undefined || !Object.hasOwn(ACTIVATIONS, name)) {
    throw new ArgumentError(
      `unknown activation '${name}'; known: ${Object.keys(ACTIVATIONS).map((k) => `"${k}"`).join(", ")}`,
    );
  }
  return make();
}
