/**
 * DOT to SVG with Graphviz compiled to WebAssembly (`@viz-js/viz`), loaded on first use so that nothing else in
 * tapegrad pays for it (and the engine keeps no runtime dependency).
 */
import { ArgumentError } from "../autograd/errors.ts";

type Viz = Awaited<ReturnType<typeof import("@viz-js/viz").instance>>;

let viz: Promise<Viz> | null = null;

function load(): Promise<Viz> {
  viz ??= import("@viz-js/viz").then((m) => m.instance());
  return viz;
}

/** The SVG document Graphviz makes of `dot`; invalid DOT throws an ArgumentError with Graphviz's message. */
export async function renderSvg(dot: string): Promise<string> {
  const v = await load();
  const result = v.render(dot, { format: "svg" });
  if (result.status !== "success") {
    const errors = result.errors.filter((e) => e.level === "error").map((e) => e.message.trim());
    throw new ArgumentError(`renderSvg: Graphviz could not lay out the graph: ${errors.join("; ") || "unknown error"}`);
  }
  return result.output;
}

/** The `<svg>` element alone, without the XML prologue, for inlining in HTML. */
export function inlineSvg(svg: string): string {
  const start = svg.indexOf("<svg");
  return start < 0 ? svg : svg.slice(start).trim();
}

/** Monospace text advances about 0.6 em in every common font; 0.62 leaves room for the widest. */
const ADVANCE = 0.62;
const CAPTION_SIZE = 11;

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Graphviz's SVG with a title above the graph and legend lines below it, outside the graph's own box: the picture
 * is widened to the longest line at a monospace advance no font exceeds, so that no line is ever clipped.
 */
export function withCaption(svg: string, title: string, legend: readonly string[]): string {
  const box = /<svg width="([\d.]+)pt" height="([\d.]+)pt"\s+viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
  if (box === null) return svg;
  const [w, h] = [Number(box[5]), Number(box[6])];
  const line = CAPTION_SIZE * 1.4;
  const top = title === "" ? 0 : line + 4;
  const bottom = legend.length === 0 ? 0 : legend.length * line + 6;
  const longest = Math.max(title.length, ...legend.map((l) => l.length));
  const width = Math.max(w, longest * CAPTION_SIZE * ADVANCE + 8);
  const height = h + top + bottom;
  const text = (s: string, y: number, extra: string): string =>
    `<text x="4" y="${y.toFixed(1)}" font-family="monospace" font-size="${CAPTION_SIZE}"${extra}>${escapeXml(s)}</text>`;
  const texts = [
    ...(title === "" ? [] : [text(title, -top + line - 2, ' font-weight="bold"')]),
    ...legend.map((l, k) => text(l, h + 6 + (k + 1) * line - 4, ' fill="#374151"')),
  ];
  const head =
    `<svg width="${width.toFixed(0)}pt" height="${height.toFixed(0)}pt" ` +
    `viewBox="0 ${(-top).toFixed(2)} ${width.toFixed(2)} ${height.toFixed(2)}"`;
  const body = svg.replace(box[0], head).replace(/<\/svg>\s*$/, "");
  return `${body}<g class="caption">\n${texts.join("\n")}\n</g>\n</svg>\n`;
}
