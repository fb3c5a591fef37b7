import { extname } from "node:path";
import { TapegradError } from "../../autograd/errors.ts";
import { renderScenario } from "../../explain/render.ts";
import { SCENARIO_NAMES } from "../../explain/scenario.ts";
import { isScenarioName, runScenario } from "../../explain/scenarios/index.ts";
import { checkWritable, writeFileAtomic } from "../../explain/output.ts";
import { renderSvg, withCaption } from "../../explain/svg.ts";
import { CliError, type Command } from "../command.ts";
import { explainExpr } from "./explain-expr.ts";
import { UsageError } from "../args.ts";

/** `graph.svg` for the first graph, `graph-2.svg`, … for the others. */
function svgPath(path: string, k: number): string {
  if (k === 0) return path;
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}-${k + 1}${ext || ".svg"}`;
}

export const explain: Command = {
  name: "explain",
  positionals: "<scenario> | --expr <expression> --value name=number … ",
  options: {
    svg: { type: "string", help: "also draw the graph(s) to this SVG file (a second graph goes to <name>-2.svg)" },
    n: { type: "number", help: "the number n (default: a draw from N(0, scale²))" },
    scale: { type: "number", help: "the noise scale s of the default draw", default: 0.5, min: 0 },
    seed: { type: "int", help: "seeds the model, the batch and the draws", default: 0, min: 0 },
    hidden: { type: "numbers", help: "hidden widths of the toy MLP (seed, const, nodetach, persample)", default: [6], min: 1, max: 4096 },
    expr: { type: "string", help: "an expression of your own instead of a scenario: \"w*x + sg(w)*x\"" },
    value: { type: "list", help: "a leaf's value for --expr, name=number (repeat it: --value w=0.5 --value x=2)" },
    compare: { type: "boolean", help: "with --expr: also the same expression with every detach taken off" },
    step: { type: "boolean", help: "with --expr: backward one node at a time (Enter advances on a terminal)" },
    why: { type: "string", help: "with --expr: why this leaf got its gradient, or null" },
  },
  async run(args, io) {
    const source = args.values.expr as string | undefined;
    if (source !== undefined) {
      try {
        return await explainExpr(source, args, io);
      } catch (e) {
        if (e instanceof TapegradError) throw new CliError(e.message);
        throw e;
      }
    }
    const name = args.positionals[0];
    if (name === undefined || !isScenarioName(name)) {
      const given = name === undefined ? "no scenario given" : `unknown scenario '${name}'`;
      throw new UsageError(`${given}; choose one of: ${SCENARIO_NAMES.join(", ")}`);
    }
    const svg = args.values.svg as string | undefined;
    try {
      if (svg !== undefined) await checkWritable(svg, "SVG");
      const result = runScenario(name, {
        n: args.values.n as number | undefined,
        scale: args.values.scale as number,
        seed: args.values.seed as number,
        hidden: args.values.hidden as number[],
      });
      for (const line of renderScenario(result, { color: io.color })) io.print(line);
      const written: string[] = [];
      if (svg !== undefined) {
        // Every picture is rendered before any file is written, so a failure leaves no file behind.
        const tooLarge = result.graphs.find((g) => g.dot === null);
        if (tooLarge !== undefined) throw new CliError(`${tooLarge.tooLarge} (no SVG written)`);
        const pictures = await Promise.all(result.graphs.map(async (g) => withCaption(await renderSvg(g.dot as string), g.title, g.legend)));
        for (const [k, picture] of pictures.entries()) {
          const path = svgPath(svg, k);
          await writeFileAtomic(path, picture, "SVG");
          written.push(path);
        }
        io.print("");
        for (const p of written) io.print(`graph written to ${p}`);
      }
      const { graphs, ...rest } = result;
      return { ...rest, listings: graphs.map((g) => ({ title: g.title, ...g.listing })), svg: written };
    } catch (e) {
      if (e instanceof TapegradError) throw new CliError(e.message);
      throw e;
    }
  },
};
