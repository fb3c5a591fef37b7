/** Plain-text tables of a suite result: the workload matrix, the detailed cells, W5/W2, micro-benchmarks, goals. */
import type { Change } from "./compare.ts";
import { evaluateGoals } from "./goals.ts";
import { machineLine, runtimeLine } from "./machine.ts";
import { peakOf } from "./simd-peak.ts";
import { fmt, percent as pct, table } from "../src/profile/format.ts";
import type { Summary } from "../src/profile/stats.ts";
import type { SuiteResult } from "./suite.ts";
import { SYSTEM_IDS, SYSTEM_LABELS, type SystemId } from "./systems/system.ts";
import { WORKLOADS } from "./workloads.ts";
import { maxOf } from "../src/plot/extent.ts";

function flag(s: Summary): string {
  return s.note === null ? "" : " *";
}

/** The WORKLOADS.md matrix: steps/s per system and workload, with tapegrad's speedup over each peer. */
export function matrix(r: SuiteResult): string[] {
  const ids = WORKLOADS.filter((w) => w.id !== "W5").map((w) => w.id);
  const present = ids.filter((id) => r.cells.some((c) => c.workload === id && c.dtype === "float32"));
  if (present.length === 0) return [];
  const rows: string[][] = [["system", ...present.map((id) => `${id} steps/s`)]];
  for (const sys of SYSTEM_IDS) {
    const row = [SYSTEM_LABELS[sys]];
    let any = false;
    for (const id of present) {
      const c = r.cells.find((x) => x.workload === id && x.system === sys && x.dtype === "float32");
      const t = r.cells.find((x) => x.workload === id && x.system === "tapegrad" && x.dtype === "float32");
      if (c === undefined) {
        row.push("–");
        continue;
      }
      any = true;
      const speedup = sys === "tapegrad" || t === undefined ? "" : ` (${fmt(c.time.median / t.time.median)}×)`;
      row.push(`${fmt(c.stepsPerSec)}${speedup}${flag(c.time)}`);
    }
    if (any) rows.push(row);
  }
  return table(rows, "l" + "r".repeat(present.length));
}

export function peakLines(r: SuiteResult): string[] {
  const lines = (r.peaks ?? []).map((p) =>
    `${p.lanes}: ${fmt(p.gflops)} GFLOP/s (${p.fused ? "relaxed fused multiply-add" : "multiply, then add"}` +
    `${p.workload === undefined ? "" : `; timed in ${p.workload}'s rounds`})`);
  for (const c of r.cells) {
    const peak = peakOf(r.peaks, c.dtype, c.workload);
    if (c.gflops === null || peak === null || c.system !== "tapegrad") continue;
    lines.push(`${c.workload} ${c.dtype} tapegrad: ${fmt(c.gflops)} GFLOP/s = ${pct(c.gflops / peak)} of the ${c.dtype === "float32" ? "f32x4" : "f64x2"} peak`);
  }
  return lines;
}

export function cellTable(r: SuiteResult): string[] {
  if (r.cells.length === 0) return [];
  const rows: string[][] = [["workload", "system", "dtype", "steps/s", "ms/step", "p10–p90 ms", "±rme", "n", "tapegrad ×", "GFLOP/s"]];
  for (const c of r.cells) {
    const t = r.cells.find((x) => x.workload === c.workload && x.dtype === c.dtype && x.system === "tapegrad");
    const s = c.time;
    rows.push([
      c.workload, SYSTEM_LABELS[c.system], c.dtype, fmt(c.stepsPerSec), fmt(s.median), `${fmt(s.p10)}–${fmt(s.p90)}`,
      pct(s.rme) + flag(s), String(s.samples),
      c.system === "tapegrad" || t === undefined ? "" : fmt(s.median / t.time.median), c.gflops === null ? "" : fmt(c.gflops),
    ]);
  }
  return table(rows, "lllrrrrrrr");
}

export function pairTable(r: SuiteResult): string[] {
  if (r.pairs.length === 0) return [];
  const rows: string[][] = [["system", "W2 ms", "W5 ms", "W5/W2", "p10–p90", "±rme", "n"]];
  for (const p of r.pairs) {
    const q = p.ratio;
    rows.push([SYSTEM_LABELS[p.system] + (p.perturbation === "fused" ? " (fused node)" : ""), fmt(p.w2.median), fmt(p.w5.median), q.median.toFixed(3) + flag(q),
      `${q.p10.toFixed(3)}–${q.p90.toFixed(3)}`, pct(q.rme), String(q.samples)]);
  }
  return table(rows, "lrrrrrr");
}

export function microTable(r: SuiteResult): string[] {
  if (r.micro.length === 0) return [];
  const peers = (["tfjs-cpu", "tfjs-wasm"] as SystemId[]).filter((p) => r.micro.some((m) => m.system === p));
  const rows: string[][] = [["case", "µs/run", "±rme", "derived", ...peers.map((p) => `${SYSTEM_LABELS[p]} ×`)]];
  for (const m of r.micro) {
    if (m.system !== "tapegrad") continue;
    const peerCells = peers.map((p) => {
      const o = r.micro.find((x) => x.id === m.id && x.system === p);
      return o === undefined ? "" : fmt(o.time.median / m.time.median) + flag(o.time);
    });
    let d = m.derived === null ? "" : `${fmt(m.derived.value)} ${m.derived.unit}`;
    const base = r.micro.find((x) => x.id === m.baseline && x.system === "tapegrad");
    if (base !== undefined) d = `${m.time.median >= base.time.median ? "+" : "−"}${fmt(Math.abs(m.time.median - base.time.median) * 1000)} µs over ${base.id}`;
    rows.push([m.label, fmt(m.time.median * 1000) + flag(m.time), pct(m.time.rme), d, ...peerCells]);
  }
  return table(rows, "lrrrrr");
}

export function goalLines(r: SuiteResult): string[] {
  return evaluateGoals(r).filter((g) => g.value !== null).map((g) => {
    const mark = g.pass === null ? "?" : g.pass ? "✓" : "✗";
    const value = g.value === null ? "not measured" : fmt(g.value);
    const kind = g.stretch ? " (further)" : "";
    return `${mark} ${g.text}: ${value} (goal: at ${g.at} ${g.target})${kind}`;
  });
}

export function noteLines(r: SuiteResult): string[] {
  const out: string[] = [...(r.skipped ?? [])];
  for (const c of r.cells) if (c.time.note) out.push(`${c.workload} ${c.dtype} ${SYSTEM_LABELS[c.system]}: ${c.time.note}`);
  for (const p of r.pairs) if (p.ratio.note) out.push(`W5/W2 ${SYSTEM_LABELS[p.system]}: ${p.ratio.note}`);
  for (const m of r.micro) if (m.time.note) out.push(`micro ${m.id} ${SYSTEM_LABELS[m.system]}: ${m.time.note}`);
  return out;
}

export function formatReport(r: SuiteResult): string[] {
  const runtime = runtimeLine(r.machine);
  const section = (title: string, lines: string[]) => (lines.length === 0 ? [] : ["", `${title}; ${runtime}`, ...lines]);
  return [
    `tapegrad bench (${r.mode} run, ${r.clock} clock, ${r.seconds.toFixed(0)} s): ${machineLine(r.machine)}`,
    ...section("Workloads, float32 steps/s (in parentheses: tapegrad's speedup, peer time / tapegrad time)", matrix(r)),
    ...section("Every cell (median of the samples; * = spread too wide to trust, see notes)", cellTable(r)),
    ...section("This machine's WebAssembly SIMD peak (independent multiply-adds in registers), and the share of it reached", peakLines(r)),
    ...section("W5/W2, measured paired (steps alternating in one loop)", pairTable(r)),
    ...section("Micro-benchmarks, tapegrad (peer columns: peer time / tapegrad time)", microTable(r)),
    ...section("Goals", goalLines(r)),
    ...section("Notes", noteLines(r)),
  ];
}

export function comparisonLines(changes: readonly Change[]): string[] {
  const rows: string[][] = [["figure", "base", "now", "now/base", "noise", "verdict"]];
  for (const c of changes) {
    rows.push([c.key, fmt(c.base), fmt(c.current), c.ratio.toFixed(3), `±${pct(c.threshold)}`, c.verdict === "slower" ? "SLOWER" : c.verdict]);
  }
  const slower = changes.filter((c) => c.verdict === "slower").length;
  return [...table(rows, "lrrrrl"), "", `${slower} figure(s) slower than the base beyond the measured noise`];
}
