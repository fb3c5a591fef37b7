/**
 * Prints the import graph of a source directory (default src/autograd) and fails if it has a cycle.
 *
 *   npm run deps:graph [-- <dir>]
 *
 * Counts the imports that load a module when the program runs: `import … from`, `import "…"` and
 * `export … from`, but not `import type` / `export type`, which TypeScript erases. Only edges between files of the
 * directory are drawn. Output: one line per file with what it imports, then either a load order (every file after
 * all it imports) or each cycle found, and exit status 1.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(process.argv[2] ?? "src/autograd");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** The module specifiers of the runtime imports and re-exports of one file's text. */
function runtimeImports(text: string): string[] {
  const out: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']|^\s*import\s+["']([^"']+)["']/gm;
  for (const m of text.matchAll(statement)) {
    if (m[5] !== undefined) out.push(m[5]);
    else if (m[2] === undefined) out.push(m[4]);
  }
  return out;
}

const all = files(root).sort();
const inDir = new Set(all);
const graph = new Map<string, string[]>();
for (const f of all) {
  const deps = runtimeImports(readFileSync(f, "utf8"))
    .filter((s) => s.startsWith("."))
    .map((s) => resolve(dirname(f), s))
    .filter((p) => inDir.has(p));
  graph.set(f, [...new Set(deps)].sort());
}

const name = (f: string): string => relative(root, f);
for (const [f, deps] of graph) console.log(`${name(f)} -> ${deps.length === 0 ? "(nothing)" : deps.map(name).join(", ")}`);

// Depth-first, iteratively: a node met again while still on the path closes a cycle.
const state = new Map<string, "open" | "done">();
const order: string[] = [];
const cycles: string[][] = [];
for (const start of all) {
  if (state.has(start)) continue;
  const stack: { f: string; next: number }[] = [{ f: start, next: 0 }];
  state.set(start, "open");
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const deps = graph.get(top.f) ?? [];
    if (top.next < deps.length) {
      const d = deps[top.next++];
      const s = state.get(d);
      if (s === undefined) {
        state.set(d, "open");
        stack.push({ f: d, next: 0 });
      } else if (s === "open") {
        const from = stack.findIndex((e) => e.f === d);
        cycles.push([...stack.slice(from).map((e) => e.f), d]);
      }
    } else {
      state.set(top.f, "done");
      order.push(top.f);
      stack.pop();
    }
  }
}

console.log("");
if (cycles.length > 0) {
  for (const c of cycles) console.log(`cycle: ${c.map(name).join(" -> ")}`);
  console.log(`${cycles.length} cycle(s) among ${all.length} files of ${relative(process.cwd(), root) || "."}`);
  process.exit(1);
}
console.log(`no cycles among ${all.length} files of ${relative(process.cwd(), root) || "."}; a load order:`);
console.log(order.map(name).join(" "));
