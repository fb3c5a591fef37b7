import { allocateOwned, type DType } from "../../autograd/dtype.ts";
import { ArgumentError, ShapeError } from "../../autograd/errors.ts";
import { getDefaultGenerator, type Generator } from "../../autograd/random.ts";
import { formatShape } from "../../autograd/shape.ts";
import { Tensor } from "../../autograd/tensor.ts";
import { linear } from "../functional/linear.ts";
import * as init from "../init.ts";
import { Module } from "../module.ts";

/** How to draw the weight; the bias always gets PyTorch's default U(±1/√in). */
export type LinearInit = "default" | "kaimingUniform" | "kaimingNormal" | "xavierUniform" | "xavierNormal";

export interface LinearOptions {
  bias?: boolean;
  dtype?: DType;
  /** The generator of the initial weights (the default generator when absent). */
  generator?: Generator;
  init?: LinearInit;
  /** The activation that follows, for the gain of Kaiming and Xavier init (default "relu" and "linear"). */
  nonlinearity?: init.Nonlinearity;
}

/**
 * y = x·Wᵀ + b with PyTorch's layout: weight [out, in], bias [out]. The default init is PyTorch's:
 * W and b uniform on ±1/√in (kaiming_uniform_ with a = √5 reduces to that bound), weight drawn first.
 */
export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(readonly inFeatures: number, readonly outFeatures: number, options: LinearOptions = {}) {
    super();
    for (const [what, v] of [["inFeatures", inFeatures], ["outFeatures", outFeatures]] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new ArgumentError(`Linear: ${what} must be a positive integer, got ${v}`);
    }
    const dtype = options.dtype ?? "float64";
    const generator = options.generator ?? getDefaultGenerator();
    const bound = 1 / Math.sqrt(inFeatures);
    const weight = new Tensor(allocateOwned(dtype, outFeatures * inFeatures), [outFeatures, inFeatures]);
    const kind = options.init ?? "default";
    const nonlinearity = options.nonlinearity;
    switch (kind) {
      case "default":
        init.uniform(weight, -bound, bound, { generator });
        break;
      case "kaimingUniform":
        init.kaimingUniform(weight, { generator, nonlinearity: nonlinearity ?? "relu" });
        break;
      case "kaimingNormal":
        init.kaimingNormal(weight, { generator, nonlinearity: nonlinearity ?? "relu" });
        break;
      case "xavierUniform":
        init.xavierUniform(weight, { generator, gain: init.calculateGain(nonlinearity ?? "linear") });
        break;
      case "xavierNormal":
        init.xavierNormal(weight, { generator, gain: init.calculateGain(nonlinearity ?? "linear") });
        break;
      default:
        throw new ArgumentError(
          `Linear: unknown init '${String(kind)}'; use "default", "kaimingUniform", "kaimingNormal", ` +
            `"xavierUniform" or "xavierNormal"`,
        );
    }
    this.weight = this.registerParameter("weight", weight);
    if (options.bias ?? true) {
      const bias = new Tensor(allocateOwned(dtype, outFeatures), [outFeatures]);
      this.bias = this.registerParameter("bias", init.uniform(bias, -bound, bound, { generator }));
    } else this.bias = null;
  }

  forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor)) throw new ArgumentError(`${this.name()}: the input must be a Tensor`);
    if (x.ndim === 0 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new ShapeError(
        `${this.name()}: the input has shape ${formatShape(x.shape)}, so ${x.ndim === 0 ? "no" : x.shape[x.ndim - 1]} ` +
          `features per sample, but the layer expects ${this.inFeatures} (in the last dimension)`,
      );
    }
    if (x.ndim === 1) return linear(x.reshape([1, -1]), this.weight, this.bias).reshape([this.outFeatures]);
    return linear(x, this.weight, this.bias);
  }

  private name(): string {
    return `Linear(${this.inFeatures} → ${this.outFeatures})`;
  }

  protected override describe(): string {
    return `inFeatures=${this.inFeatures}, outFeatures=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
