/**
 * Runs the property tests (every test file that calls fc.assert or fc.property, directly or through a helper it
 * imports from test/) under fresh fast-check seeds, one vitest run per seed, and names every failure with the
 * FC_SEED that reproduces it. A property that holds only for the seed CI fixes is ill-posed; this finds it.
 *
 *   npm run test:seeds                      # 20 fresh seeds
 *   npm run test:seeds -- --seeds 3         # fewer
 *   npm run test:seeds -- --seeds 3 --from "$(git rev-parse HEAD)"   # seeds drawn from a text: CI's, per commit
 *   npm run test:seeds -- --seed -1752102092 test/autograd/ops/cast.test.ts   # replay one seed, some files
 *   npm run test:seeds -- --out dir         # also keep vitest's JSON report of each seed in dir
 *   npm run test:seeds -- --isolate         # a fresh module graph per file, as npm test does (about 3.5× slower)
 *
 * By default the files share one module graph per worker (vitest --isolate=false), which loads the sources once
 * instead of once per file: the seeds are what vary here, and each failure's command line replays it isolated.
 *
 * With --from, the seeds are the first 32 bits of sha256(text + ":" + i): CI passes the commit, so each commit
 * tries new seeds and a red run replays exactly; without it they are random.
 *
 * Ends with one line "seeds: N passed, N failed" (tests over all seeds); exits 1 if any test failed.
 */
import { spawnSync } from "node:child_process";
import { createHash, randomInt } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
const PROPERTY = /\bfc\.(assert|property|asyncProperty)\(/;
const LOCAL_IMPORT = /from\s+"(\.{1,2}\/[^"]+\.ts)"/g;

interface Options {
  readonly seeds: readonly number[];
  readonly files: readonly string[];
  readonly out: string;
  readonly isolate: boolean;
}

function parse(argv: readonly string[]): Options {
  let count = 20;
  const seeds: number[] = [];
  const files: string[] = [];
  let out = "";
  let isolate = false;
  let from: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--seeds") count = Number(argv[++i]);
    else if (a === "--seed") seeds.push(Number(argv[++i]));
    else if (a === "--out") out = argv[++i] ?? "";
    else if (a === "--isolate") isolate = true;
    else if (a === "--from") from = argv[++i] ?? "";
    else files.push(a);
  }
  if (!(Number.isInteger(count) && count > 0) || seeds.some((s) => !Number.isInteger(s))) {
    throw new Error(`test:seeds: --seeds takes a positive integer and --seed an integer, got ${argv.join(" ")}`);
  }
  // fast-check seeds are 32-bit integers; drawn here rather than by fast-check so that each can be printed first.
  const draw = (i: number): number =>
    from === null ? randomInt(-(2 ** 31), 2 ** 31) : createHash("sha256").update(`${from}:${i}`).digest().readInt32BE(0);
  const drawn = seeds.length > 0 ? seeds : Array.from({ length: count }, (_, i) => draw(i));
  return { seeds: drawn, files: files.length > 0 ? files : propertyFiles(), out: out || mkdtempSync(join(tmpdir(), "seeds-")), isolate };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []);
}

/** Test files with a property in them or in a test/ helper they import (the op tests share reference helpers). */
function propertyFiles(): string[] {
  const testDir = join(root, "test");
  const sources = walk(testDir);
  const hasProperty = new Set(sources.filter((f) => PROPERTY.test(readFileSync(f, "utf8"))));
  return sources
    .filter((f) => f.endsWith(".test.ts"))
    .filter((f) => {
      if (hasProperty.has(f)) return true;
      const imports = [...readFileSync(f, "utf8").matchAll(LOCAL_IMPORT)].map((m) => resolve(dirname(f), m[1]));
      return imports.some((i) => hasProperty.has(i));
    })
    .map((f) => relative(root, f))
    .sort();
}

interface VitestReport {
  readonly numPassedTests: number;
  readonly numFailedTests: number;
  readonly testResults: readonly {
    readonly name: string;
    readonly message?: string;
    readonly assertionResults: readonly { readonly status: string; readonly fullName: string; readonly failureMessages: readonly string[] }[];
  }[];
}

/** The lines of a failure that say what failed: fast-check's summary, the counterexample, the cause. */
function gist(message: string): string {
  const lines = message.split("\n").map((l) => l.trim());
  const keep = lines.filter((l) => /^(Error|Counterexample|Caused by|AssertionError)|Property failed/.test(l));
  return (keep.length > 0 ? keep : lines.slice(0, 2)).map((l) => (l.length > 400 ? `${l.slice(0, 400)} …` : l)).join("\n      ");
}

function runSeed(seed: number, { files, out, isolate }: Options): VitestReport | null {
  const report = join(out, `vitest-seed-${seed}.json`);
  const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
  const args = ["run", `--isolate=${isolate}`, "--reporter=json", `--outputFile.json=${report}`, ...files];
  const run = spawnSync(process.execPath, [vitest, ...args], {
    cwd: root,
    env: { ...process.env, FC_SEED: String(seed) },
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  try {
    return JSON.parse(readFileSync(report, "utf8")) as VitestReport;
  } catch {
    process.stdout.write(run.stdout.slice(-2000) + run.stderr.slice(-4000));
    // Counted as one failure by whoever sums the reports in `out` (CI does).
    writeFileSync(report, JSON.stringify({ numPassedTests: 0, numFailedTests: 1, testResults: [] }));
    return null;
  }
}

function main(): number {
  const options = parse(process.argv.slice(2));
  const { seeds, files } = options;
  console.log(`test:seeds: ${files.length} property files, ${seeds.length} seeds (${seeds.join(" ")}); Node ${process.version}`);
  let passed = 0;
  let failed = 0;
  const failing: number[] = [];
  for (const seed of seeds) {
    const start = performance.now();
    const r = runSeed(seed, options);
    const seconds = ((performance.now() - start) / 1000).toFixed(0);
    if (r === null) {
      console.log(`FC_SEED=${seed}: vitest wrote no report (above: the end of its output)`);
      failed += 1;
      failing.push(seed);
      continue;
    }
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    const broken = r.testResults.filter((f) => f.assertionResults.length === 0 && f.message);
    console.log(`FC_SEED=${seed}: ${r.numPassedTests} passed, ${r.numFailedTests} failed (${seconds} s)`);
    for (const file of r.testResults) {
      for (const t of file.assertionResults.filter((a) => a.status === "failed")) {
        console.log(`  ✗ FC_SEED=${seed} npx vitest run ${relative(root, file.name)} -t "${t.fullName}"`);
        console.log(`      ${gist(t.failureMessages.join("\n"))}`);
      }
    }
    for (const file of broken) console.log(`  ✗ ${relative(root, file.name)} did not load: ${gist(file.message ?? "")}`);
    if (r.numFailedTests > 0 || broken.length > 0) failing.push(seed);
    failed += broken.length;
  }
  console.log(failing.length === 0 ? "every seed passed" : `seeds with failures: ${failing.join(" ")}`);
  console.log(`seeds: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();
