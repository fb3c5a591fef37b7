/**
 * A dependency-free SVG line chart: several labelled series on shared axes, with ticks and grid lines, a legend,
 * an optional logarithmic x (or y) axis and optional vertical error bars. It returns the SVG document as a string,
 * so it works the same in node, in a browser and in tests.
 *
 *   lineChart([{ label: "train", points: [{ x: 1, y: 0.9 }, …] }], { title: "loss", xLabel: "epoch", logX: false })
 *
 * Non-finite points are left out and break the line there (a NaN epoch shows as a gap, not as a zero). Points
 * off a log axis (≤ 0) are left out the same way.
 */
import { formatTick, linearTicks, logTicks } from "./ticks.ts";
import { maxOf, minOf } from "./extent.ts";

export interface Point {
  readonly x: number;
  readonly y: number;
  /** Half-height of an error bar at this point (drawn from y − err to y + err). */
  readonly err?: number;
}

export interface Series {
  readonly label: string;
  readonly points: readonly Point[];
  /** Any SVG colour; a palette colour by default. */
  readonly color?: string;
  readonly dashed?: boolean;
  /** Draw a dot at every point (default: when the series has at most 30 points). */
  readonly markers?: boolean;
}

export interface LineChartOptions {
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly width?: number;
  readonly height?: number;
  readonly logX?: boolean;
  readonly logY?: boolean;
  /** Fixed axis ranges; by default each covers the data (with error bars). */
  readonly xRange?: readonly [number, number];
  readonly yRange?: readonly [number, number];
  /** Legend placement, or "none". */
  readonly legend?: "top-right" | "top-left" | "bottom-right" | "bottom-left" | "none";
}

/** Colour-blind-safe palette (Okabe–Ito). */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];

const MARGIN = { left: 64, right: 16, top: 36, bottom: 48 };

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

const num = (v: number) => String(Math.round(v * 100) / 100);

interface Axis {
  readonly lo: number;
  readonly hi: number;
  readonly log: boolean;
  readonly ticks: number[];
}

function axis(values: number[], log: boolean, fixed?: readonly [number, number]): Axis {
  let lo = fixed?.[0] ?? minOf(values);
  let hi = fixed?.[1] ?? maxOf(values);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = log ? [1, 10] : [0, 1];
  if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - (Math.abs(lo) || 1) / 2, hi + (Math.abs(hi) || 1) / 2];
  if (log) return { lo, hi, log, ticks: logTicks(lo, hi) };
  const ticks = linearTicks(lo, hi);
  if (fixed === undefined) {
    const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
    lo = Math.min(lo, Math.floor(lo / step) * step);
    hi = Math.max(hi, Math.ceil(hi / step) * step);
  }
  return { lo, hi, log, ticks: linearTicks(lo, hi) };
}

function scale(a: Axis, from: number, to: number): (v: number) => number {
  const f = a.log ? Math.log10 : (v: number) => v;
  const lo = f(a.lo);
  const span = f(a.hi) - lo || 1;
  return (v) => from + ((f(v) - lo) / span) * (to - from);
}

function usable(p: Point, logX: boolean, logY: boolean): boolean {
  return Number.isFinite(p.x) && Number.isFinite(p.y) && (!logX || p.x > 0) && (!logY || p.y > 0);
}

/** The chart as an SVG document. */
export function lineChart(series: readonly Series[], options: LineChartOptions = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  const logX = options.logX ?? false;
  const logY = options.logY ?? false;
  const pts = series.flatMap((s) => s.points.filter((p) => usable(p, logX, logY)));
  const ys = pts.flatMap((p) => (p.err !== undefined && Number.isFinite(p.err) ? [p.y - p.err, p.y + p.err] : [p.y]));
  const xa = axis(pts.map((p) => p.x), logX, options.xRange);
  const ya = axis(logY ? ys.filter((v) => v > 0) : ys, logY, options.yRange);
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;
  const sx = scale(xa, left, right);
  const sy = scale(ya, bottom, top);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
  ];
  if (options.title) out.push(`<text x="${num(width / 2)}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(options.title)}</text>`);
  // grid, ticks and their labels
  out.push(`<g class="x-axis" stroke="#ccc">`);
  for (const t of xa.ticks) {
    const x = num(sx(t));
    out.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${bottom}"/><text x="${x}" y="${bottom + 16}" text-anchor="middle" stroke="none" fill="#333">${escapeXml(formatTick(t))}</text>`);
  }
  out.push(`</g><g class="y-axis" stroke="#ccc">`);
  for (const t of ya.ticks) {
    const y = num(sy(t));
    out.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}"/><text x="${left - 6}" y="${y}" dy="4" text-anchor="end" stroke="none" fill="#333">${escapeXml(formatTick(t))}</text>`);
  }
  out.push(`</g><rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#333"/>`);
  if (options.xLabel) out.push(`<text x="${num((left + right) / 2)}" y="${height - 10}" text-anchor="middle">${escapeXml(options.xLabel)}</text>`);
  if (options.yLabel) {
    const cy = num((top + bottom) / 2);
    out.push(`<text x="16" y="${cy}" text-anchor="middle" transform="rotate(-90 16 ${cy})">${escapeXml(options.yLabel)}</text>`);
  }
  // series: one path (with a gap at every unusable point), error bars, markers
  series.forEach((s, i) => {
    const color = escapeXml(s.color ?? PALETTE[i % PALETTE.length]);
    const ok = s.points.map((p) => usable(p, logX, logY));
    let d = "";
    s.points.forEach((p, k) => {
      if (ok[k]) d += `${k > 0 && ok[k - 1] ? "L" : "M"}${num(sx(p.x))},${num(sy(p.y))}`;
    });
    out.push(`<g class="series" data-label="${escapeXml(s.label)}">`);
    if (d !== "") {
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ` stroke-dasharray="6 4"` : ""}/>`);
    }
    s.points.forEach((p, k) => {
      if (!ok[k] || p.err === undefined || !Number.isFinite(p.err)) return;
      const x = num(sx(p.x));
      const lo = p.y - p.err;
      const y1 = num(sy(logY && lo <= 0 ? ya.lo : lo));
      const y2 = num(sy(p.y + p.err));
      out.push(`<path class="error-bar" d="M${x},${y1}L${x},${y2}M${Number(x) - 3},${y1}h6M${Number(x) - 3},${y2}h6" stroke="${color}"/>`);
    });
    if (s.markers ?? s.points.length <= 30) {
      s.points.forEach((p, k) => {
        if (ok[k]) out.push(`<circle cx="${num(sx(p.x))}" cy="${num(sy(p.y))}" r="2.5" fill="${color}"/>`);
      });
    }
    out.push(`</g>`);
  });
  if ((options.legend ?? "top-right") !== "none" && series.length > 0) out.push(legend(series, options.legend ?? "top-right", left, right, top, bottom));
  out.push(`</svg>`);
  return out.join("\n");
}

function legend(series: readonly Series[], where: string, left: number, right: number, top: number, bottom: number): string {
  const w = 24 + 7 * maxOf(series.map((s) => s.label.length)) + 12;
  const h = 18 * series.length + 8;
  const x = where.endsWith("right") ? right - w - 8 : left + 8;
  const y = where.startsWith("top") ? top + 8 : bottom - h - 8;
  const rows = series.map((s, i) => {
    const color = escapeXml(s.color ?? PALETTE[i % PALETTE.length]);
    const ly = y + 14 + 18 * i;
    return `<line x1="${x + 6}" y1="${ly - 4}" x2="${x + 22}" y2="${ly - 4}" stroke="${color}" stroke-width="2"${s.dashed ? ` stroke-dasharray="6 4"` : ""}/><text x="${x + 28}" y="${ly}">${escapeXml(s.label)}</text>`;
  });
  return `<g class="legend"><rect x="${x}" y="${y}" width="${w}" height="${h}" fill="white" fill-opacity="0.85" stroke="#999"/>${rows.join("")}</g>`;
}
