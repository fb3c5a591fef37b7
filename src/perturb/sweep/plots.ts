/**
 * The sweep's pictures, as SVG strings (nn's line chart):
 *   accuracy: final test accuracy (mean ± std over seeds) against the noise scale, one panel per optimizer, one
 *             line per noise kind, the clean accuracy as a dashed reference line;
 *   fac:      mean |fac| per epoch for the seed's loss perturbation (one line per scale: it grows as the loss
 *             falls), and the measured fraction of uphill steps against the predicted Φ(−L/s).
 */
import { lineChart, PALETTE, type Series } from "../../plot/line-chart.ts";
import { sideBySide } from "../../plot/compose.ts";
import type { CellKind, OptimizerName } from "./grid.ts";
import type { CellResult, SweepRow } from "./result.ts";
import { maxOf, minOf } from "../../plot/extent.ts";

const OPT_TITLE: Readonly<Record<OptimizerName, string>> = { sgd: "SGD", momentum: "SGD, momentum 0.9", adam: "Adam" };
const KINDS: readonly Exclude<CellKind, "clean">[] = ["loss", "independent", "prediction", "target", "gradient"];

function optimizersOf(rows: readonly { optimizer: OptimizerName }[]): OptimizerName[] {
  return (["sgd", "momentum", "adam"] as const).filter((o) => rows.some((r) => r.optimizer === o));
}

/** Accuracy against scale (log axis), a panel per optimizer. */
export function accuracyPlot(rows: readonly SweepRow[]): string {
  const scales = rows.filter((r) => r.scale > 0).map((r) => r.scale);
  const lo = minOf(scales);
  const hi = maxOf(scales);
  const panels = optimizersOf(rows).map((opt) => {
    const series: Series[] = [];
    KINDS.forEach((kind, k) => {
      const pts = rows
        .filter((r) => r.optimizer === opt && r.kind === kind)
        .map((r) => ({ x: r.scale, y: r.accuracyMean, err: r.accuracyStd }));
      if (pts.length > 0) series.push({ label: kind, points: pts, color: PALETTE[k] });
    });
    const clean = rows.find((r) => r.optimizer === opt && r.kind === "clean");
    if (clean !== undefined && scales.length > 0) {
      series.push({
        label: "clean",
        points: [{ x: lo, y: clean.accuracyMean }, { x: hi, y: clean.accuracyMean }],
        color: "#000000",
        dashed: true,
        markers: false,
      });
    }
    return lineChart(series, {
      title: OPT_TITLE[opt],
      xLabel: "noise scale s",
      yLabel: "test accuracy",
      logX: true,
      width: 420,
      height: 320,
      legend: "bottom-left",
    });
  });
  return sideBySide(panels, { title: "Final test accuracy against noise scale (mean ± std over seeds)" });
}

/** Mean |fac| per epoch for the "loss" kind, and measured against predicted uphill fractions. */
export function facPlot(results: readonly CellResult[], rows: readonly SweepRow[]): string {
  const loss = results.filter((r) => r.kind === "loss");
  const opts = optimizersOf(loss);
  const opt = opts[0] ?? "sgd";
  const scales = [...new Set(loss.filter((r) => r.optimizer === opt).map((r) => r.scale))].sort((a, b) => a - b);
  const trace: Series[] = scales.map((s, k) => {
    const runs = loss.filter((r) => r.optimizer === opt && r.scale === s);
    const epochs = Math.max(0, ...runs.map((r) => r.facByEpoch.length));
    const points = Array.from({ length: epochs }, (_, e) => {
      const vals = runs.map((r) => r.facByEpoch[e]).filter((v) => v !== undefined && Number.isFinite(v));
      return { x: e + 1, y: vals.reduce((a, b) => a + b, 0) / vals.length };
    });
    return { label: `s = ${s}`, points, color: PALETTE[k % PALETTE.length] };
  });
  const left = lineChart(trace, {
    title: `mean |fac| = |n/L| per epoch (loss noise, ${OPT_TITLE[opt]})`,
    xLabel: "epoch",
    yLabel: "mean |fac|",
    logY: true,
    width: 420,
    height: 320,
    legend: "bottom-right",
  });
  const uphill: Series[] = [];
  opts.forEach((o, k) => {
    const r = rows.filter((x) => x.optimizer === o && x.kind === "loss");
    uphill.push({ label: `${o} measured`, points: r.map((x) => ({ x: x.scale, y: x.uphillFraction ?? Number.NaN })), color: PALETTE[k] });
    uphill.push({
      label: `${o} Φ(−L/s)`,
      points: r.map((x) => ({ x: x.scale, y: x.predictedUphill ?? Number.NaN })),
      color: PALETTE[k],
      dashed: true,
    });
  });
  const right = lineChart(uphill, {
    title: "uphill steps (1 + fac < 0): measured and predicted",
    xLabel: "noise scale s",
    yLabel: "fraction of steps",
    logX: true,
    width: 420,
    height: 320,
    legend: "top-left",
  });
  return sideBySide([left, right], { title: "What the loss perturbation does to each step" });
}
