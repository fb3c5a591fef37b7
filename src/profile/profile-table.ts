/** The profile as text, laid out like PyTorch's `key_averages().table(sort_by=…)`: one row per node kind. */
import { ArgumentError } from "../autograd/errors.ts";
import { bytes, percent, seconds, table } from "./format.ts";
import type { Profile, ProfileRow } from "./profile.ts";

export const SORT_KEYS = ["total", "forward", "backward", "calls", "allocated", "saved", "name"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface TableOptions {
  /** The column to sort by, largest first ("name": alphabetical); default "total". */
  readonly sortBy?: SortKey;
  /** At most this many rows (default all). */
  readonly limit?: number;
  /** Shapes listed per row before "…" (default 2). */
  readonly shapes?: number;
}

const KEY: Record<Exclude<SortKey, "name">, (r: ProfileRow) => number> = {
  total: (r) => r.total,
  forward: (r) => r.forward,
  backward: (r) => r.backward,
  calls: (r) => r.calls,
  allocated: (r) => r.allocatedForward + r.allocatedBackward,
  saved: (r) => r.saved,
};

/** Rows in the order `sortBy` asks for. */
export function sortRows(rows: readonly ProfileRow[], sortBy: SortKey = "total"): ProfileRow[] {
  if (!(SORT_KEYS as readonly string[]).includes(sortBy)) {
    throw new ArgumentError(`profile table: sortBy must be one of ${SORT_KEYS.join(", ")}, got '${String(sortBy)}'`);
  }
  if (sortBy === "name") return [...rows].sort((a, b) => a.kind.localeCompare(b.kind));
  const k = KEY[sortBy];
  return [...rows].sort((a, b) => k(b) - k(a) || a.kind.localeCompare(b.kind));
}

const count = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export function profileTable(p: Profile, options: TableOptions = {}): string {
  const rows = sortRows(p.rows, options.sortBy).slice(0, options.limit ?? Infinity);
  const shown = options.shapes ?? 2;
  const head = ["Name", "Calls", "Nodes", "Forward", "Backward", "Total", "% step", "Fwd alloc", "Bwd alloc", "Saved", "Shapes"];
  const body = rows.map((r) => [
    r.kind, count(r.calls), count(r.nodes), seconds(r.forward), seconds(r.backward), seconds(r.total),
    percent(r.total / p.step), bytes(r.allocatedForward), bytes(r.allocatedBackward), bytes(r.saved),
    r.shapes.slice(0, shown).join("; ") + (r.shapes.length > shown ? `; … (${r.shapes.length})` : ""),
  ]);
  const sum = (f: (r: ProfileRow) => number) => p.rows.reduce((s, r) => s + f(r), 0);
  const [fwd, bwd] = [sum((r) => r.forward), sum((r) => r.backward)];
  const rule = head.map(() => "");
  const lines = table([rule, head, rule, ...body, rule], "lrrrrrrrrrl");
  const dashes = (l: string) => l.replace(/ /g, "-");
  const widths = lines[1].length;
  const out = lines.map((l, i) => (i === 0 || i === 2 || i === lines.length - 1 ? dashes("".padEnd(widths)) : l));
  for (const r of p.regions) out.push(`region ${r.name}: ${count(r.calls)} call(s), ${seconds(r.time)}`);
  out.push(
    `Step ${seconds(p.step)} (mean of ${p.repeat}; median ${seconds(p.stepMedian)}): forward ${seconds(fwd)}, ` +
      `backward ${seconds(bwd)}; ` +
      `ops cover ${percent(p.coverage)} of the step. Figures per step; the profiler's own ` +
      `${seconds(p.overhead)} per step is cut out.`,
  );
  return out.join("\n");
}
