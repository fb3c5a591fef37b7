/** What one training run of the sweep reports, and how the runs of one grid point are summarised. */
import type { Cell, CellKind, OptimizerName } from "./grid.ts";

export interface CellResult extends Cell {
  /** Test accuracy after the last epoch. */
  readonly testAccuracy: number;
  /** The clean mean training loss of the last epoch. */
  readonly trainLoss: number;
  /** Fraction of factors 1 + fac below 0 over all steps ("loss" and "independent" only, else null). */
  readonly uphillFraction: number | null;
  /** The mean over steps of the probability of that under the noise, Φ(−L/s) for the step's L. */
  readonly predictedUphill: number | null;
  /** Mean |fac| over all steps. */
  readonly meanAbsFac: number | null;
  /** Per epoch: mean |fac| (empty for kinds without a factor), and the mean clean loss. */
  readonly facByEpoch: readonly number[];
  readonly lossByEpoch: readonly number[];
  readonly steps: number;
  readonly seconds: number;
  /** The loss went non-finite; training stopped there and the accuracy is of the model at that point. */
  readonly diverged: boolean;
  /** The configuration's fingerprint (configFingerprint), written by runSweep. */
  readonly fingerprint?: string;
}

/** One row of the sweep's table: the runs of one (kind, scale, optimizer) over seeds. */
export interface SweepRow {
  readonly kind: CellKind;
  readonly scale: number;
  readonly optimizer: OptimizerName;
  readonly runs: number;
  readonly accuracyMean: number;
  /** Sample standard deviation over seeds (0 for one run). */
  readonly accuracyStd: number;
  readonly uphillFraction: number | null;
  readonly predictedUphill: number | null;
  readonly meanAbsFac: number | null;
  readonly diverged: number;
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function meanOrNull(xs: readonly (number | null)[]): number | null {
  const vals = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  return vals.length === 0 ? null : mean(vals);
}

const KIND_ORDER: readonly CellKind[] = ["clean", "loss", "independent", "prediction", "target", "gradient"];
const OPT_ORDER: readonly OptimizerName[] = ["sgd", "momentum", "adam"];

/** Groups results by (kind, scale, optimizer), in table order: optimizer, kind, scale. */
export function aggregate(results: readonly CellResult[]): SweepRow[] {
  const groups = new Map<string, CellResult[]>();
  for (const r of results) {
    const key = `${r.optimizer}|${r.kind}|${r.scale}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [r]);
    else g.push(r);
  }
  const rows: SweepRow[] = [];
  for (const g of groups.values()) {
    const acc = g.map((r) => r.testAccuracy);
    const m = mean(acc);
    const variance = acc.length > 1 ? acc.reduce((s, a) => s + (a - m) ** 2, 0) / (acc.length - 1) : 0;
    rows.push({
      kind: g[0].kind,
      scale: g[0].scale,
      optimizer: g[0].optimizer,
      runs: g.length,
      accuracyMean: m,
      accuracyStd: Math.sqrt(variance),
      uphillFraction: meanOrNull(g.map((r) => r.uphillFraction)),
      predictedUphill: meanOrNull(g.map((r) => r.predictedUphill)),
      meanAbsFac: meanOrNull(g.map((r) => r.meanAbsFac)),
      diverged: g.filter((r) => r.diverged).length,
    });
  }
  return rows.sort(
    (a, b) =>
      OPT_ORDER.indexOf(a.optimizer) - OPT_ORDER.indexOf(b.optimizer) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.scale - b.scale,
  );
}
