/**
 * tapegrad as a user installs it: `npm pack` (prepack builds dist/), the tarball installed into a new project
 * outside the repository, and from there each way the README says it is used. Packed once, installed once; the
 * cases share the project. The figures (packed size, files, startup, bundle size) are printed for the notes.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { hasChromium, SKIP_MESSAGE, withChromium } from "./explain/chromium.ts";

const root = resolve(import.meta.dirname, "..");
const work = mkdtempSync(join(tmpdir(), "tapegrad-package-"));
const project = join(work, "project");
const N = 0.31;

/** The parent `npm test` leaves npm_* settings in the environment; the user's npm would not see them. */
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith("npm_")));

function run(command: string, args: readonly string[], cwd = project): string {
  const r = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The seed's node on one weight, with the root entry only: run by Node and, bundled, by Chromium. */
const GRADIENT = `import { grad, tensor } from "tapegrad";

export function seedGradient() {
  const w = tensor([0.5, -1, 2], { requiresGrad: true });
  const L = w.mul(tensor([1, 2, 3])).sum();
  const noisy = L.add(L.div(L.detach()).mul(${N}));
  const [g] = grad(noisy, [w]);
  return { loss: L.item(), value: noisy.item(), grad: g.toArray() };
}
`;

interface Packed {
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly entryCount: number;
  readonly files: readonly { readonly path: string }[];
}
let packed: Packed;

beforeAll(() => {
  [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], root)) as Packed[];
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", join(work, packed.filename)]);
  writeFileSync(join(project, "gradient.js"), GRADIENT);
}, 600_000);

/** What the seed's formula says the gradient is: (1 + n/L)·∂L/∂w, with ∂L/∂w = [1, 2, 3] and L = 4.5. */
function expectSeedGradient(r: { loss: number; value: number; grad: number[] }): void {
  expect(r.loss).toBe(4.5);
  expect(r.value).toBeCloseTo(4.5 + N, 14);
  // Each component is a few float64 roundings from exact.
  r.grad.forEach((g, i) => expect(Math.abs(g - (1 + N / 4.5) * (i + 1))).toBeLessThan(1e-14 * (i + 1)));
}

describe("the packed tarball, installed into a new project", () => {
  it("plain node imports tapegrad (a gradient through detach) and tapegrad/node (a bundled data set)", () => {
    writeFileSync(join(project, "node.js"), [
      `import { loadDataset } from "tapegrad/node";`,
      `import { seedGradient } from "./gradient.js";`,
      `const digits = loadDataset("digits");`,
      `console.log(JSON.stringify({ ...seedGradient(), train: digits.train.x.shape, test: digits.test.x.shape }));`,
    ].join("\n"));
    const r = JSON.parse(run("node", ["node.js"]));
    expectSeedGradient(r);
    expect([r.train, r.test]).toEqual([[1438, 64], [359, 64]]);
  });

  it("npx tapegrad --help and a one-epoch npx tapegrad train --data digits run compiled JavaScript", () => {
    expect(existsSync(join(project, "node_modules", "tsx"))).toBe(false);
    expect(run("npx", ["tapegrad", "--help"])).toMatch(/^usage: tapegrad <command>/);
    const out = run("npx", ["tapegrad", "train", "--data", "digits", "--epochs", "1"]);
    expect(out).toMatch(/final test accuracy \d+\.\d+% \(\d+\/359\)/);
    // prepack builds the playground page too, so the installed command has it to copy.
    expect(run("npx", ["tapegrad", "playground", "--out", "pg"])).toMatch(/playground written to/);
    expect(readFileSync(join(project, "pg", "index.html"), "utf8")).toContain('data-testid="expr"');
    expect(existsSync(join(project, "pg", "viz-global.js"))).toBe(true);
    const bin = join(project, "node_modules", "tapegrad", "bin", "tapegrad.js");
    const median = (args: string[]) => {
      const times = Array.from({ length: 7 }, () => {
        const t = performance.now();
        run("node", args);
        return performance.now() - t;
      }).sort((a, b) => a - b);
      return times[3];
    };
    const help = median([bin, "--help"]);
    const bare = median(["-e", ""]);
    console.log(`tapegrad --help: ${help.toFixed(0)} ms median of 7 (node -e "": ${bare.toFixed(0)} ms)`);
    // --help loads no command module (commands/index.ts), so it costs little beyond Node's own start.
    expect(help - bare).toBeLessThan(300);
  });

  it("a strict TypeScript consumer without Node types type-checks against the shipped .d.ts", () => {
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: false,
        module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022"], types: [], noEmit: true,
      },
      files: ["consumer.ts"],
    }));
    writeFileSync(join(project, "consumer.ts"), `import {
  explain, fit, Generator, grad, loadDataset, nn, optim, perturbLoss, serializeSafetensors, parseSafetensors, tapeOf,
  tensor, type Tensor,
} from "tapegrad";

const data = loadDataset("moons", { n: 200, seed: 0 });
const model = nn.MLP([2, 16, 2], { activation: "tanh", generator: new Generator(0) });
const history = fit(model, data, { optimizer: new optim.Adam(model.parameters(), { lr: 0.01 }), epochs: 2 });
const last: number | undefined = history.epochs[1]?.testAccuracy;
const w: Tensor = tensor([0.5, -1, 2], { requiresGrad: true });
const L = w.mul(tensor([1, 2, 3])).sum();
const [g] = grad(perturbLoss(L, 0.31), [w]);
const dot: string = explain.toDot(explain.listTape(L));
const leaves: number = tapeOf(L).filter((e) => e.op === "leaf").length;
const bytes: Uint8Array = serializeSafetensors(model.stateDict());
const back: Tensor | undefined = parseSafetensors(bytes).tensors["0.weight"];
export { back, dot, g, last, leaves };
`);
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    expect(run("node", [tsc, "-p", project])).toBe("");
  });

  it("esbuild bundles tapegrad for the browser with no Node built-in; Chromium computes Node's gradient", async () => {
    const { build } = await import("esbuild");
    writeFileSync(join(project, "browser.js"), [
      `import * as tapegrad from "tapegrad";`,
      `import { seedGradient } from "./gradient.js";`,
      `globalThis.tapegrad = tapegrad;`,
      `globalThis.result = seedGradient();`,
    ].join("\n"));
    const bundle = await build({
      absWorkingDir: project, entryPoints: ["browser.js"], bundle: true, platform: "browser", format: "esm",
      minify: true, metafile: true, write: false, logLevel: "silent",
    });
    expect(bundle.warnings).toEqual([]);
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.filter((f) => !f.startsWith("node_modules/tapegrad/dist/") && f !== "browser.js" && f !== "gradient.js")).toEqual([]);
    const imports = Object.values(bundle.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
    expect(imports.filter((p) => p.startsWith("node:") || p.startsWith("@viz-js"))).toEqual([]);
    const code = bundle.outputFiles[0].text;
    console.log(
      `browser bundle of the whole root entry: ${(code.length / 1024).toFixed(1)} kB minified, ` +
        `${(gzipSync(code).length / 1024).toFixed(1)} kB gzipped`,
    );
    const fromNode = JSON.parse(run("node", ["--input-type=module", "-e",
      `import { seedGradient } from "./gradient.js"; console.log(JSON.stringify(seedGradient()));`]));
    expectSeedGradient(fromNode);
    // Tree-shaken to grad and tensor: what sideEffects lets a bundler drop must not be something the engine needs.
    const shaken = await build({
      absWorkingDir: project, bundle: true, platform: "browser", format: "esm", minify: true, write: false,
      stdin: { contents: `import { seedGradient } from "./gradient.js"; console.log(JSON.stringify(seedGradient()));`, resolveDir: project },
    });
    const shakenCode = shaken.outputFiles[0].text;
    writeFileSync(join(project, "shaken.js"), shakenCode);
    expect(JSON.parse(run("node", ["shaken.js"]))).toEqual(fromNode);
    console.log(
      `tree-shaken to grad and tensor: ${(shakenCode.length / 1024).toFixed(1)} kB minified, ` +
        `${(gzipSync(shakenCode).length / 1024).toFixed(1)} kB gzipped`,
    );
    if (!hasChromium) return console.warn(SKIP_MESSAGE);
    const fromChromium = await withChromium(async (context) => {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.setContent("<!DOCTYPE html><title>tapegrad</title>");
      await page.addScriptTag({ type: "module", content: code });
      await page.waitForFunction(() => "result" in globalThis);
      expect(errors).toEqual([]);
      return page.evaluate(() => (globalThis as unknown as { result: unknown }).result);
    });
    expect(fromChromium).toEqual(fromNode);
  });

  it.skipIf(!hasChromium)("the README's <script type=\"module\"> block, as pasted, prints in Chromium what its comment says", async () => {
    const readme = readFileSync(join(project, "node_modules", "tapegrad", "README.md"), "utf8");
    const html = /```html\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const said = /textContent = .*; \/\/ (.*)$/m.exec(html)?.[1];
    writeFileSync(join(project, "index.html"), html);
    const shown = await withChromium(async (context) => {
      // Module scripts do not load from file://: the project is served as a static site would serve it.
      await context.route("http://consumer.test/**", (route) =>
        route.fulfill({ path: join(project, decodeURIComponent(new URL(route.request().url()).pathname)) }));
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto("http://consumer.test/index.html");
      await page.waitForFunction("document.body.textContent !== \"\"");
      expect(errors).toEqual([]);
      return page.textContent("body");
    });
    expect(said).toBeDefined();
    expect(shown).toBe(said);
  });

  it("holds what a user needs and nothing else: no tests, benchmarks, CI or scripts; the LICENSE", () => {
    const paths = packed.files.map((f) => f.path);
    const top = new Set(paths.map((p) => p.split("/")[0]));
    expect([...top].sort()).toEqual(["LICENSE", "README.md", "bin", "data", "dist", "package.json"]);
    expect(paths).toContain("data/digits.csv.gz");
    expect(paths.filter((p) => /\.test\.|(^|\/)(test|bench|\.ci|scripts|examples)\//.test(p))).toEqual([]);
    expect(readFileSync(join(project, "node_modules", "tapegrad", "LICENSE"), "utf8")).toMatch(/^MIT License/);
    console.log(
      `tarball ${packed.filename}: ${(packed.size / 1024).toFixed(1)} kB packed, ` +
        `${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked, ${packed.entryCount} files`,
    );
  });
});
