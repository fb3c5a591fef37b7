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
