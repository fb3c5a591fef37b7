/**
 * The presets: the scalar warm-up, the seed, and one expression for each scenario of `tapegrad explain`, each
 * the scenario's idea on scalars so that every number fits on the graph.
 */
export interface Preset {
  readonly name: string;
  readonly expr: string;
  readonly values: Readonly<Record<string, number>>;
  readonly note: string;
}

export const SEED_EXPR = "L + n*L/sg(L)";

export const PRESETS: readonly Preset[] = [
  { name: "warm-up", expr: "x*sg(x)", values: { x: 3 }, note: "value x², gradient sg(x) = x, not 2x" },
  { name: "seed", expr: SEED_EXPR, values: { L: 0.8, n: -0.17 }, note: "value L + n, gradient at L: 1 + n/L" },
  { name: "const", expr: "L + n", values: { L: 0.8, n: -0.17 }, note: "value moves by n, gradient at L stays 1" },
  { name: "nodetach", expr: "L + n*L/L", values: { L: 0.8, n: -0.17 }, note: "the two edges into L cancel" },
  {
    name: "persample",
    expr: "(l1 + n1*l1/sg(l1) + l2 + n2*l2/sg(l2))/2",
    values: { l1: 0.5, n1: 0.3, l2: 1.5, n2: -0.4 },
    note: "each sample its own factor 1 + nᵢ/lᵢ",
  },
  { name: "ste", expr: "z + sg(relu(z) - z)", values: { z: -0.7 }, note: "value relu(z), gradient 1 straight through" },
  { name: "hidden", expr: "w2*sg(tanh(w1*x))", values: { w1: 0.5, x: 1.5, w2: -1.2 }, note: "w1 and x get null" },
  { name: "second-order", expr: "x^2*sg(x)", values: { x: 1.5 }, note: "value x³, gradient 2x·sg(x), not 3x²" },
];
