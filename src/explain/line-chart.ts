/**
 * A small SVG line chart, self-contained (inline styles, no script, no font files): one line per series, points
 * with error bars, axes with ticks, a legend. The x axis can be logarithmic with 0 drawn one decade left of the
 * smallest positive x (the sweep's scale 0 is the clean run).
 */
export interface Series {
  readonly name: string;
  /** [x, y, ± error] */
  readonly points: readonly (readonly [number, number, number?])[];
  readonly dashed?: boolean;
}

export interface ChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly logX?: boolean;
  readonly width?: number;
  readonly height?: number;
  /** y range; from the data when absent. */
  readonly yMin?: number;
  readonly yMax?: number;
}

const PALETTE = ["#1d4ed8", "#dc2626", "#15803d", "#9333ea", "#ea580c", "#0891b2", "#4b5563", "#be185d", "#65a30d"];

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function tickText(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(0) : String(Number(v.toPrecision(3)));
}

/** Ticks at 1, 2, 5 × 10^k covering [lo, hi]. */
function niceTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** The chart as an `<svg>` element string. Series with no points are left out. */
export function lineChart(series: readonly Series[], options: ChartOptions): string {
  const W = options.width ?? 640;
  const H = options.height ?? 360;
  const m = { left: 56, right: 170, top: 34, bottom: 44 };
  const live = series.filter((s) => s.points.length > 0);
  const xs = live.flatMap((s) => s.points.map((p) => p[0]));
  const ys = live.flatMap((s) => s.points.flatMap((p) => [p[1] - (p[2] ?? 0), p[1] + (p[2] ?? 0)]));
  const logX = options.logX === true;
  const positive = xs.filter((x) => x > 0);
  const minPos = positive.length > 0 ? Math.min(...positive) : 1;
  // On a log axis, 0 sits one decade left of the smallest positive x.
  const tx = (x: number): number => (logX ? Math.log10(x > 0 ? x : minPos / 10) : x);
  const txs = xs.map(tx);
  const x0 = txs.length > 0 ? Math.min(...txs) : 0;
  const x1 = txs.length > 0 ? Math.max(...txs) : 1;
  const y0 = options.yMin ?? (ys.length > 0 ? Math.min(...ys) : 0);
  const y1 = options.yMax ?? (ys.length > 0 ? Math.max(...ys) : 1);
  const px = (x: number): number => m.left + ((tx(x) - x0) / (x1 - x0 || 1)) * (W - m.left - m.right);
  const py = (y: number): number => H - m.bottom - ((y - y0) / (y1 - y0 || 1)) * (H - m.top - m.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ` +
      `font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${W / 2 - m.right / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">` +
      `${esc(options.title)}</text>`,
  ];
  const plotBottom = H - m.bottom;
  const plotRight = W - m.right;
  for (const t of niceTicks(y0, y1)) {
    const y = py(t);
    parts.push(`<line x1="${m.left}" x2="${plotRight}" y1="${y}" y2="${y}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${m.left - 6}" y="${y + 4}" text-anchor="end">${tickText(t)}</text>`);
  }
  const xTicks = logX ? [...new Set(xs)].sort((a, b) => a - b) : niceTicks(x0, x1);
  for (const t of xTicks) {
    const x = px(t);
    parts.push(`<line x1="${x}" x2="${x}" y1="${plotBottom}" y2="${plotBottom + 4}" stroke="#374151"/>`);
    parts.push(`<text x="${x}" y="${plotBottom + 16}" text-anchor="middle">${tickText(t)}</text>`);
  }
  parts.push(
    `<line x1="${m.left}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}" stroke="#374151"/>`,
    `<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${plotBottom}" stroke="#374151"/>`,
    `<text x="${(m.left + plotRight) / 2}" y="${H - 8}" text-anchor="middle">${esc(options.xLabel)}</text>`,
    `<text x="14" y="${(m.top + plotBottom) / 2}" text-anchor="middle" ` +
      `transform="rotate(-90 14 ${(m.top + plotBottom) / 2})">${esc(options.yLabel)}</text>`,
  );
  live.forEach((s, k) => {
    const color = PALETTE[k % PALETTE.length];
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    const d = pts.map((p, i) => `${i === 0 ? "M" : "L"}${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join(" ");
    const dash = s.dashed === true ? ' stroke-dasharray="5 3"' : "";
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.8"${dash}/>`);
    for (const [x, y, e] of pts) {
      if (e !== undefined && e > 0) {
        parts.push(
          `<line x1="${px(x)}" x2="${px(x)}" y1="${py(y - e)}" y2="${py(y + e)}" stroke="${color}" opacity="0.6"/>`,
        );
      }
      parts.push(`<circle cx="${px(x)}" cy="${py(y)}" r="2.8" fill="${color}"/>`);
    }
    const ly = m.top + 8 + k * 16;
    parts.push(
      `<line x1="${plotRight + 14}" x2="${plotRight + 34}" y1="${ly}" y2="${ly}" stroke="${color}" ` +
        `stroke-width="2"${dash}/>`,
      `<text x="${plotRight + 40}" y="${ly + 4}">${esc(s.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}
