/** The sweep's table as text: accuracy ± std over seeds, uphill fraction, Φ(−L/s), mean |fac|, runs. */
import type { SweepRow } from "../../perturb/sweep/result.ts";
import type { Io } from "../io.ts";

const fmt = (v: number | null, digits: number): string => (v === null || !Number.isFinite(v) ? "-" : v.toFixed(digits));

/** |fac| spans many orders of magnitude for per-sample factors: fixed notation up to 1e4, then exponents. */
const fmtFac = (v: number | null): string =>
  v === null || !Number.isFinite(v) ? "-" : v < 1e4 ? v.toFixed(3) : v.toExponential(1);

export function printTable(io: Io, rows: readonly SweepRow[]): void {
  const head = ["optimizer", "noise", "scale", "accuracy", "± std", "uphill", "Φ(−L/s)", "mean |fac|", "runs"];
  const widths = [9, 11, 6, 9, 7, 7, 8, 11, 5];
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  io.print(line(head));
  for (const r of rows) {
    io.print(line([
      r.optimizer, r.kind, String(r.scale), `${fmt(100 * r.accuracyMean, 2)}%`, fmt(100 * r.accuracyStd, 2),
      fmt(r.uphillFraction, 3), fmt(r.predictedUphill, 3), fmtFac(r.meanAbsFac),
      r.diverged > 0 ? `${r.runs} (${r.diverged} diverged)` : String(r.runs),
    ]));
  }
}
