/** Several SVG charts side by side in one SVG document (nested <svg> elements, each at its own offset). */
import { ArgumentError } from "../autograd/errors.ts";
import { escapeXml } from "./line-chart.ts";

function size(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? "";
  const width = Number(/\bwidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\bheight="([\d.]+)"/.exec(root)?.[1]);
  if (!Number.isFinite(width) || !Number.isFinite(height)) throw new ArgumentError("sideBySide: each chart must be an <svg> with numeric width and height attributes");
  return { width, height };
}

export function sideBySide(charts: readonly string[], options: { gap?: number; title?: string } = {}): string {
  const gap = options.gap ?? 8;
  const head = options.title ? 28 : 0;
  const sizes = charts.map(size);
  const width = sizes.reduce((s, c) => s + c.width, 0) + gap * Math.max(charts.length - 1, 0);
  const height = Math.max(0, ...sizes.map((c) => c.height)) + head;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
  ];
  if (options.title) parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`);
  let x = 0;
  charts.forEach((svg, i) => {
    parts.push(svg.replace(/^<svg\b/, `<svg x="${x}" y="${head}"`));
    x += sizes[i].width + gap;
  });
  parts.push("</svg>");
  return parts.join("\n");
}
