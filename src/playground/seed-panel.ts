/**
 * The seed's panel: as n is dragged, the measured ratio ∇L̃/∇L (the gradient at L of L + n·L/sg(L) over that of
 * L alone, which is 1) beside 1 + n/L, on a plot of 1 + n/L over n with the uphill region (1 + n/L < 0, where the
 * step climbs the loss) shaded.
 */
import { fmt } from "../explain/numbers.ts";
import { el } from "./dom.ts";

const SVG = "http://www.w3.org/2000/svg";

function svgEl(tag: string, attrs: Readonly<Record<string, string | number>>): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** 1 + n/L over n ∈ [lo, hi], the uphill band n < −L shaded, the current n marked. */
function plot(L: number, n: number, lo: number, hi: number): SVGElement {
  const [w, h, pad] = [320, 140, 24];
  const yLo = Math.min(-1, 1 + lo / L);
  const yHi = Math.max(2, 1 + hi / L);
  const x = (v: number): number => pad + ((v - lo) / (hi - lo)) * (w - 2 * pad);
  const y = (v: number): number => h - pad - ((v - yLo) / (yHi - yLo)) * (h - 2 * pad);
  const svg = svgEl("svg", { width: w, height: h, viewBox: `0 0 ${w} ${h}`, "data-testid": "seed-plot" });
  const edge = Math.max(lo, Math.min(hi, -L));
  if (edge > lo) svg.append(svgEl("rect", { x: x(lo), y: pad, width: x(edge) - x(lo), height: h - 2 * pad, fill: "#fee2e2" }));
  svg.append(svgEl("line", { x1: pad, x2: w - pad, y1: y(0), y2: y(0), stroke: "#9ca3af" }));
  svg.append(svgEl("line", { x1: x(lo), x2: x(hi), y1: y(1 + lo / L), y2: y(1 + hi / L), stroke: "#1d4ed8", "stroke-width": 2 }));
  svg.append(svgEl("circle", { cx: x(n), cy: y(1 + n / L), r: 5, fill: 1 + n / L < 0 ? "#dc2626" : "#15803d" }));
  const label = svgEl("text", { x: pad, y: 14, "font-size": 11, "font-family": "sans-serif" });
  label.textContent = "1 + n/L over n (red band: uphill, 1 + n/L < 0)";
  svg.append(label);
  return svg;
}

/** The panel for leaf values L, n, the measured gradient at L and the slider's range of n. */
export function seedPanel(L: number, n: number, gradAtL: number | null, range: readonly [number, number]): HTMLElement {
  const factor = 1 + n / L;
  const uphill = factor < 0;
  return el(
    "div",
    { class: "seed-panel", "data-testid": "seed-panel" },
    el("div", {},
      "∇L̃/∇L = ", el("b", { "data-testid": "ratio" }, gradAtL === null ? "null" : String(gradAtL)),
      "   1 + n/L = ", el("b", { "data-testid": "factor" }, String(factor)),
    ),
    el("div", { class: uphill ? "uphill" : "downhill", "data-testid": "uphill" },
      uphill
        ? `uphill: 1 + n/L = ${fmt(factor)} < 0, every gradient points the wrong way and the step climbs the loss`
        : `downhill: every gradient is the clean one times ${fmt(factor)}`,
    ),
    plot(L, n, range[0], range[1]) as unknown as Node,
  );
}
