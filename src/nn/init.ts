/**
 * Weight initialisers, as torch.nn.init: each fills a tensor in place from a seeded generator and returns it.
 * For a weight of shape [out, in] (or [out, in, ...kernel]), fanIn = in·k and fanOut = out·k.
 *   uniform: U(low, high)                      normal: N(mean, std²)
 *   kaimingUniform: U(±gain·√(3/fan))          kaimingNormal: N(0, (gain/√fan)²)       (fan = fanIn by default)
 *   xavierUniform: U(±gain·√(6/(fanIn+fanOut)))  xavierNormal: N(0, gain²·2/(fanIn+fanOut))
 */
import { ArgumentError } from "../autograd/errors.ts";
import { getDefaultGenerator, type Generator } from "../autograd/random.ts";
import { formatShape } from "../autograd/shape.ts";
import type { Tensor } from "../autograd/tensor.ts";

export type Nonlinearity = "linear" | "sigmoid" | "tanh" | "relu" | "leakyRelu" | "gelu";

export interface InitOptions {
  generator?: Generator;
}

export interface KaimingOptions extends InitOptions {
  /** The negative slope of a leaky ReLU (PyTorch's `a`). */
  a?: number;
  mode?: "fanIn" | "fanOut";
  nonlinearity?: Nonlinearity;
}

export interface XavierOptions extends InitOptions {
  gain?: number;
}

/** The recommended gain for a nonlinearity (torch.nn.init.calculate_gain). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "linear":
    case "sigmoid":
    case "gelu":
      return 1;
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leakyRelu": {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    default:
      throw new ArgumentError(`calculateGain: unknown nonlinearity '${String(nonlinearity)}'`);
  }
}

/** fanIn and fanOut of a weight with at least two dimensions. */
export function fans(t: Tensor): { fanIn: number; fanOut: number } {
  if (t.ndim < 2) {
    throw new ArgumentError(
      `init: fan in and fan out need a tensor with at least 2 dimensions, got shape ${formatShape(t.shape)}`,
    );
  }
  let receptive = 1;
  for (let i = 2; i < t.ndim; i++) receptive *= t.shape[i];
  return { fanIn: t.shape[1] * receptive, fanOut: t.shape[0] * receptive };
}

function fill(t: Tensor, draw: () => number): Tensor {
  const d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = draw();
  t.bumpVersion();
  return t;
}

export function uniform(t: Tensor, low = 0, high = 1, options: InitOptions = {}): Tensor {
  const g = options.generator ?? getDefaultGenerator();
  return fill(t, () => low + (high - low) * g.uniform());
}

export function normal(t: Tensor, mean = 0, std = 1, options: InitOptions = {}): Tensor {
  const g = options.generator ?? getDefaultGenerator();
  return fill(t, () => mean + std * g.normal());
}

export function constant(t: Tensor, value: number): Tensor {
  return fill(t, () => value);
}

export function zeros(t: Tensor): Tensor {
  return constant(t, 0);
}

function kaimingStd(t: Tensor, o: KaimingOptions): number {
  const { fanIn, fanOut } = fans(t);
  const fan = (o.mode ?? "fanIn") === "fanIn" ? fanIn : fanOut;
  return calculateGain(o.nonlinearity ?? "leakyRelu", o.a ?? 0) / Math.sqrt(fan);
}

/** He et al. (2015), uniform: U(±√3·gain/√fan). PyTorch's default nonlinearity is leaky ReLU with a = 0. */
export function kaimingUniform(t: Tensor, options: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(t, options);
  return uniform(t, -bound, bound, options);
}

export function kaimingNormal(t: Tensor, options: KaimingOptions = {}): Tensor {
  return normal(t, 0, kaimingStd(t, options), options);
}

/** Glorot and Bengio (2010), uniform: U(±gain·√(6/(fanIn + fanOut))). */
export function xavierUniform(t: Tensor, options: XavierOptions = {}): Tensor {
  const { fanIn, fanOut } = fans(t);
  const bound = (options.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
  return uniform(t, -bound, bound, options);
}

export function xavierNormal(t: Tensor, options: XavierOptions = {}): Tensor {
  const { fanIn, fanOut } = fans(t);
  return normal(t, 0, (options.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut)), options);
}
