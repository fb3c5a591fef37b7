/**
 * A tensor of a drawn shape that shrinks like nested arrays do: by removing any slice along any axis, by
 * removing an axis (keeping one of its slices), and then value by value.
 *
 * Why not `shapes.chain(shape => values)`: fast-check shrinks a chain's shape first by drawing fresh values for
 * the smaller shape, and once it moves on to the values it never comes back to the shape. A failure that needs two
 * particular elements (a tie of max at positions 1 and 2) is lost by either move, and the counterexample stays
 * large. Removing slice 0 of [−1, 0.5, 0.5] keeps the tie and gives [0.5, 0.5].
 */
import fc from "fast-check";
import { numel, stridesOf, type Shape } from "../autograd/shape.ts";
import type { Tensor } from "../autograd/tensor.ts";

/** The drawn shape and the raw draws of its elements, row-major; a tensor is built from them. */
interface Draw {
  readonly shape: readonly number[];
  readonly raw: readonly number[];
}

export class TensorArbitrary extends fc.Arbitrary<Tensor> {
  constructor(
    private readonly shapes: fc.Arbitrary<Shape>,
    private readonly minRank: number,
    private readonly minDim: number,
    /** One element's raw draw: shrinks towards its simplest value without context. */
    private readonly element: fc.Arbitrary<number>,
    private readonly build: (raw: readonly number[], shape: Shape) => Tensor,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<Tensor> {
    const shape = [...this.shapes.generate(mrng, biasFactor).value];
    const raw = Array.from({ length: numel(shape) }, () => this.element.generate(mrng, biasFactor).value);
    return this.wrap({ shape, raw });
  }

  canShrinkWithoutContext(value: unknown): value is Tensor {
    return false;
  }

  shrink(_value: Tensor, context: unknown): fc.Stream<fc.Value<Tensor>> {
    if (!isDraw(context)) return fc.Stream.nil();
    return new fc.Stream(this.candidates(context));
  }

  private wrap(d: Draw): fc.Value<Tensor> {
    return new fc.Value(this.build(d.raw, d.shape), d);
  }

  /** Simplest first: fewer axes, then fewer slices, then simpler values. */
  private *candidates(d: Draw): IterableIterator<fc.Value<Tensor>> {
    const { shape } = d;
    if (shape.length > this.minRank) {
      for (let axis = 0; axis < shape.length; axis++) {
        for (let j = 0; j < shape[axis]; j++) yield this.wrap(keep(d, axis, j, true));
      }
    }
    for (let axis = 0; axis < shape.length; axis++) {
      if (shape[axis] <= Math.max(this.minDim, 1)) continue;
      for (let j = 0; j < shape[axis]; j++) yield this.wrap(keep(d, axis, j, false));
    }
    for (let i = 0; i < d.raw.length; i++) {
      for (const smaller of this.element.shrink(d.raw[i], undefined)) {
        const raw = [...d.raw];
        raw[i] = smaller.value;
        yield this.wrap({ shape, raw });
      }
    }
  }
}

function isDraw(x: unknown): x is Draw {
  return typeof x === "object" && x !== null && Array.isArray((x as Draw).shape) && Array.isArray((x as Draw).raw);
}

/** Slice `j` of `axis` alone with the axis removed (`only`), or everything but that slice. */
function keep(d: Draw, axis: number, j: number, only: boolean): Draw {
  const strides = stridesOf(d.shape);
  const raw: number[] = [];
  for (let k = 0; k < d.raw.length; k++) {
    const index = Math.floor(k / strides[axis]) % d.shape[axis];
    if ((index === j) === only) raw.push(d.raw[k]);
  }
  const shape = only ? d.shape.filter((_, a) => a !== axis) : d.shape.map((n, a) => (a === axis ? n - 1 : n));
  return { shape, raw };
}
