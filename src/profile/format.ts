/** Plain-text figures for benchmark, compare and profile tables: times with their unit, bytes, aligned columns. */
import { maxOf } from "../plot/extent.ts";

/** Columns padded to their widest cell; `align` has one "l" or "r" per column. */
export function table(rows: readonly (readonly string[])[], align: string): string[] {
  const widths = rows[0].map((_, i) => maxOf(rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) =>
    r.map((cell, i) => (align[i] === "r" ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd(),
  );
}

/** Three significant figures, without exponent notation for the ranges benchmarks produce. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1000) return x.toFixed(0);
  if (a >= 100) return x.toFixed(1).replace(/\.0$/, "");
  if (a >= 10) return x.toFixed(2).replace(/0$/, "");
  if (a >= 0.01) return x.toPrecision(3);
  return x.toExponential(2);
}

const TIME_UNITS: readonly [number, string][] = [[1, "s"], [1e-3, "ms"], [1e-6, "µs"], [1e-9, "ns"]];

/** Seconds in the largest unit that keeps the figure at or above 1 (ns at the bottom). */
export function seconds(s: number): string {
  if (!Number.isFinite(s)) return String(s);
  const [scale, unit] = TIME_UNITS.find(([k]) => Math.abs(s) >= k) ?? TIME_UNITS[TIME_UNITS.length - 1];
  return `${fmt(s / scale)} ${unit}`;
}

/** Bytes in B, kB, MB or GB (powers of 1000, as the bench and TF.js's memory figures print them). */
export function bytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ["kB", "MB", "GB"];
  let v = n / 1000;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${fmt(v)} ${units[u]}`;
}

/** A relative figure as a percentage with one decimal, or ∞. */
export function percent(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "∞";
}
