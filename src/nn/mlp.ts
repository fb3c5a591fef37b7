import type { DType } from "../autograd/dtype.ts";
import { ArgumentError } from "../autograd/errors.ts";
import { getDefaultGenerator, type Generator } from "../autograd/random.ts";
import { activation as makeActivation } from "./layers/activations.ts";
import { Dropout } from "./layers/dropout.ts";
import type { Nonlinearity } from "./init.ts";
import { Linear, type LinearInit } from "./layers/linear.ts";
import { Sequential } from "./layers/sequential.ts";
import type { Module } from "./module.ts";

export interface MLPOptions {
  /** The activation after every hidden layer, by name: "relu" (default), "tanh", "sigmoid", "gelu", "identity". */
  activation?: string;
  /** Dropout probability after every hidden activation (none when 0 or absent). */
  dropout?: number;
  bias?: boolean;
  dtype?: DType;
  /** Draws the initial weights (layer by layer, weight then bias) and the dropout masks. */
  generator?: Generator;
  init?: LinearInit;
}

/**
 * A multilayer perceptron sizes[0] → sizes[1] → … → sizes[n−1]: Linear, activation, [Dropout], Linear, …, Linear.
 * It is a plain Sequential, so its state-dict keys are exactly those of the same torch.nn.Sequential
 * ("0.weight", "0.bias", "2.weight", … without dropout; "0.weight", "3.weight", … with it).
 */
export function MLP(sizes: readonly number[], options: MLPOptions = {}): Sequential {
  if (!Array.isArray(sizes) || sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s <= 0)) {
    throw new ArgumentError(
      `MLP: sizes must list at least two positive integers (inputs, …hidden, outputs), got ${JSON.stringify(sizes)}`,
    );
  }
  const act = options.activation ?? "relu";
  makeActivation(act); // fails early on an unknown name
  const generator = options.generator ?? getDefaultGenerator();
  const linearOptions = {
    bias: options.bias,
    dtype: options.dtype,
    generator,
    init: options.init,
    nonlinearity: (act === "identity" ? "linear" : act) as Nonlinearity,
  } as const;
  const layers: Module[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) {
    if (i > 0) {
      layers.push(makeActivation(act));
      if (options.dropout !== undefined && options.dropout > 0) layers.push(new Dropout(options.dropout, { generator }));
    }
    layers.push(new Linear(sizes[i], sizes[i + 1], linearOptions));
  }
  return new Sequential(...layers);
}
