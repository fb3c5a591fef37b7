/**
 * What a scenario returns: plain data (JSON-serialisable) that the CLI prints, the report lays out and the tests
 * check. A scenario computes an expression, lists and draws its tape, sets its gradients beside the clean ones and
 * checks the identity it demonstrates on the numbers.
 */
import { summarize, type ValueSummary } from "../autograd/introspect.ts";
import type { Tensor } from "../autograd/tensor.ts";
import { dotLegend, GraphTooLargeError, toDot } from "./dot.ts";
import { listTape, type TapeListing } from "./listing.ts";
import { norm } from "./numbers.ts";
import type { GradientTrace } from "./trace.ts";

export const SCENARIO_NAMES = ["seed", "const", "nodetach", "persample", "ste", "hidden", "second-order"] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** One identity, checked on the numbers: `holds` is `error ≤ tolerance`. */
export interface IdentityCheck {
  /** The identity in symbols, e.g. "∇L̃ = (1 + n/L)·∇L". */
  readonly statement: string;
  /** The identity with the measured numbers, e.g. "every gradient / clean gradient = 1.2763 = 1 + n/L = …". */
  readonly text: string;
  readonly holds: boolean;
  /** The measured error (what it is relative to is said in `errorKind`). */
  readonly error: number;
  readonly tolerance: number;
  readonly errorKind: string;
}

/** One parameter's gradient in the scenario beside its clean gradient. */
export interface GradientRow {
  readonly name: string;
  readonly shape: readonly number[];
  /** null: no gradient reached it (not a zero gradient). */
  readonly clean: ValueSummary | null;
  readonly got: ValueSummary | null;
  readonly cleanNorm: number | null;
  readonly gotNorm: number | null;
  /** The least-squares ratio ⟨got, clean⟩ / ⟨clean, clean⟩, or null when either is missing or clean is zero. */
  readonly ratio: number | null;
  /** The ratio the identity predicts, or null when it predicts none. */
  readonly expected: number | null;
  /** ‖got − expected·clean‖ / ‖expected·clean‖, or null. */
  readonly deviation: number | null;
}

export interface ScenarioGraph {
  readonly title: string;
  readonly listing: TapeListing;
  /** The DOT picture, or null when the graph is too large to draw (then `tooLarge` says so). */
  readonly dot: string | null;
  readonly tooLarge: string | null;
  /** What the picture's marks and numbers mean, drawn outside the graph. */
  readonly legend: readonly string[];
}

export interface ScenarioTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

export interface ScenarioResult {
  readonly name: ScenarioName;
  readonly title: string;
  /** The expression, as a formula. */
  readonly expression: string;
  /** What it teaches, in a sentence or two. */
  readonly lesson: string;
  readonly graphs: readonly ScenarioGraph[];
  /** Headings of the two gradient columns, e.g. ["∇L (clean)", "∇L̃"]. */
  readonly gradientColumns: readonly [string, string];
  readonly gradients: readonly GradientRow[];
  readonly tables: readonly ScenarioTable[];
  readonly identities: readonly IdentityCheck[];
  /** The scenario's numbers by name (n, L, the factor, …): what --json ends with. */
  readonly numbers: Readonly<Record<string, number>>;
}

export function identity(
  statement: string,
  text: string,
  error: number,
  tolerance: number,
  errorKind = "relative error",
): IdentityCheck {
  return { statement, text, holds: error <= tolerance, error, tolerance, errorKind };
}

/** ‖a − s·b‖ / ‖s·b‖ (0 when both are zero). */
export function relativeDeviation(a: ArrayLike<number>, b: ArrayLike<number>, s = 1): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    const e = s * b[i];
    num += (a[i] - e) * (a[i] - e);
    den += e * e;
  }
  if (den === 0) return num === 0 ? 0 : Infinity;
  return Math.sqrt(num / den);
}

/** max |a − b| over the elements. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** ⟨a, b⟩ / ⟨b, b⟩. */
function lsRatio(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  let ab = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    bb += b[i] * b[i];
  }
  return bb === 0 ? null : ab / bb;
}

/** The gradient rows of named parameters; `expected` is the ratio the identity predicts (or null). */
export function compareGradients(
  names: readonly string[],
  params: readonly Tensor[],
  clean: readonly (Tensor | null)[],
  got: readonly (Tensor | null)[],
  expected: number | null,
): GradientRow[] {
  return params.map((p, k) => {
    const c = clean[k];
    const g = got[k];
    const both = c !== null && g !== null;
    return {
      name: names[k],
      shape: [...p.shape],
      clean: c === null ? null : summarize(c),
      got: g === null ? null : summarize(g),
      cleanNorm: c === null ? null : norm(c.data),
      gotNorm: g === null ? null : norm(g.data),
      ratio: both ? lsRatio(g.data, c.data) : null,
      expected,
      deviation: both && expected !== null ? relativeDeviation(g.data, c.data, expected) : null,
    };
  });
}

/** The listing and DOT of `root`'s graph, with the gradients of `trace` when given; no DOT for a huge graph. */
export function graphOf(title: string, root: Tensor, trace: GradientTrace | null = null): ScenarioGraph {
  const listing = listTape(root, trace);
  try {
    return { title, listing, dot: toDot(listing, { title }), tooLarge: null, legend: dotLegend(listing) };
  } catch (e) {
    if (e instanceof GraphTooLargeError) return { title, listing, dot: null, tooLarge: e.message, legend: [] };
    throw e;
  }
}
