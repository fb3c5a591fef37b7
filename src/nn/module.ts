/**
 * Module: the base of every layer. A module owns named parameters (leaf tensors that require grad) and named
 * submodules; `namedParameters()` walks them depth first with dotted names ("0.weight", "encoder.1.bias"), which
 * are exactly PyTorch's state-dict keys, so weights move between the two by name.
 */
import { ArgumentError, DTypeError, ShapeError } from "../autograd/errors.ts";
import { noGrad } from "../autograd/mode.ts";
import { formatShape, sameShape } from "../autograd/shape.ts";
import { Tensor } from "../autograd/tensor.ts";

/** Tensors by name, in a stable order (the order of registration, depth first). */
export type StateDict = Record<string, Tensor>;

export interface LoadStateDictOptions {
  /** Refuse missing and unexpected keys (PyTorch's default). */
  strict?: boolean;
}

export abstract class Module {
  /** True in training mode (dropout active), false after `eval()`. */
  training = true;
  private readonly params = new Map<string, Tensor>();
  private readonly children = new Map<string, Module>();

  abstract forward(x: Tensor): Tensor;

  /** A short description, as PyTorch's `extra_repr` (e.g. "in=4, out=6"). */
  protected describe(): string {
    return "";
  }

  /** Registers (or replaces) a parameter; it becomes a leaf that requires grad. */
  protected registerParameter(name: string, value: Tensor): Tensor {
    checkName(this, name);
    if (!(value instanceof Tensor)) throw new ArgumentError(`${this.constructor.name}: parameter '${name}' must be a Tensor`);
    if (!value.isLeaf) {
      throw new ArgumentError(
        `${this.constructor.name}: parameter '${name}' was made by '${value.node?.def.name}'; ` +
          `a parameter must be a leaf (pass t.detach())`,
      );
    }
    value.requiresGrad = true;
    this.params.set(name, value);
    return value;
  }

  protected registerModule<M extends Module>(name: string, module: M): M {
    checkName(this, name);
    if (!(module instanceof Module)) {
      throw new ArgumentError(`${this.constructor.name}: submodule '${name}' must be a Module`);
    }
    this.children.set(name, module);
    return module;
  }

  /** Direct submodules with their names. */
  namedChildren(): [string, Module][] {
    return [...this.children];
  }

  /** Every parameter of this module and its submodules, with dotted names, depth first. */
  namedParameters(prefix = ""): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [name, p] of this.params) out.push([prefix + name, p]);
    for (const [name, child] of this.children) out.push(...child.namedParameters(`${prefix}${name}.`));
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** The number of scalar parameters. */
  numParameters(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }

  /** Sets training mode here and in every submodule. */
  train(mode = true): this {
    this.training = mode;
    for (const child of this.children.values()) child.train(mode);
    return this;
  }

  /** Evaluation mode: dropout becomes the identity. */
  eval(): this {
    return this.train(false);
  }

  /** Clears the gradient of every parameter. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** The parameters by name, as tensors that share their storage but not their place on the tape. */
  stateDict(): StateDict {
    const out: StateDict = {};
    noGrad(() => {
      for (const [name, p] of this.namedParameters()) out[name] = p.detach();
    });
    return out;
  }

  /**
   * Copies `dict` into the parameters in place. Everything is checked first (missing and unexpected keys, shapes,
   * dtypes), so a bad dict changes nothing.
   */
  loadStateDict(dict: StateDict | ReadonlyMap<string, Tensor>, options: LoadStateDictOptions = {}): void {
    const strict = options.strict ?? true;
    const entries = dict instanceof Map ? new Map(dict) : new Map(Object.entries(dict as StateDict));
    const named = this.namedParameters();
    const own = new Map(named);
    const who = `${this.constructor.name}.loadStateDict`;
    const missing = named.map(([k]) => k).filter((k) => !entries.has(k));
    const unexpected = [...entries.keys()].filter((k) => !own.has(k));
    if (strict && (missing.length > 0 || unexpected.length > 0)) {
      const parts: string[] = [];
      if (missing.length > 0) parts.push(`missing keys ${missing.map((k) => `"${k}"`).join(", ")}`);
      if (unexpected.length > 0) parts.push(`unexpected keys ${unexpected.map((k) => `"${k}"`).join(", ")}`);
      throw new ArgumentError(
        `${who}: ${parts.join("; ")}. The model's keys are ${named.map(([k]) => `"${k}"`).join(", ")} ` +
          `(pass { strict: false } to load only the keys both have)`,
      );
    }
    const updates: [Tensor, Tensor][] = [];
    for (const [name, p] of named) {
      const t = entries.get(name);
      if (t === undefined) continue;
      if (!(t instanceof Tensor)) throw new ArgumentError(`${who}: "${name}" is not a Tensor`);
      if (!sameShape(t.shape, p.shape)) {
        throw new ShapeError(
          `${who}: "${name}" has shape ${formatShape(t.shape)} but the model's parameter has shape ` +
            `${formatShape(p.shape)}; the weights belong to a model of another size`,
        );
      }
      if (t.dtype !== p.dtype) {
        throw new DTypeError(
          `${who}: "${name}" is ${t.dtype} but the model's parameter is ${p.dtype}; build the model with ` +
            `{ dtype: "${t.dtype}" } or convert the tensors with .to("${p.dtype}")`,
        );
      }
      updates.push([p, t]);
    }
    for (const [p, t] of updates) {
      p.data.set(t.data);
      p.bumpVersion();
    }
  }

  toString(): string {
    const head = `${this.constructor.name}(${this.describe()}`;
    if (this.children.size === 0) return head + ")";
    const lines = [...this.children].map(([name, m]) => `  (${name}): ${m.toString().replace(/\n/g, "\n  ")}`);
    return `${head}\n${lines.join("\n")}\n)`;
  }
}

function checkName(m: Module, name: string): void {
  if (typeof name !== "string" || name === "" || name.includes(".")) {
    throw new ArgumentError(`${m.constructor.name}: '${name}' is not a valid name (non-empty, without dots)`);
  }
}
