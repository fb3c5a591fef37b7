/**
 * The whole suite: the workloads W1–W4 with every system interleaved, W4 again in float64, W5 paired with W2 in
 * each system, and the micro-benchmarks. `runSuite` measures; report.ts prints; compare.ts diffs two results.
 */
import { clockOf, type ClockName } from "../src/cli/clock.ts";
import { FULL, QUICK, measure, measurePaired, type Budget, type Subject } from "../src/profile/harness.ts";
import { describeMachine, type Machine } from "./machine.ts";
import { peakLoop, type SimdPeak } from "./simd-peak.ts";
import { AUTODIFF_CASES } from "./micro/autodiff.ts";
import type { MicroCase, Tf } from "./micro/case.ts";
import { OP_CASES } from "./micro/ops.ts";
import type { Summary } from "../src/profile/stats.ts";
import { childCpuMs } from "./systems/child-cpu.ts";
import { loops } from "./systems/loops.ts";
import { SYSTEM_IDS, type BenchDType, type Stepper, type System, type SystemId } from "./systems/system.ts";
import { tapegrad, tapegradUntidy } from "./systems/tapegrad.ts";
import { WORKLOADS, flopsPerStep, workload, type MlpWorkload, type Workload, type WorkloadId } from "./workloads.ts";

export const MICRO_CASES: readonly MicroCase[] = [...OP_CASES, ...AUTODIFF_CASES];

export interface CellFigure {
  readonly workload: WorkloadId;
  readonly dtype: BenchDType;
  readonly system: SystemId;
  /** Milliseconds per step. */
  readonly time: Summary;
  readonly stepsPerSec: number;
  /** Matmul throughput of the step (W3, W4), from the median. */
  readonly gflops: number | null;
}

export interface PairFigure {
  readonly system: SystemId;
  /** Milliseconds per step of W2 and W5, from the paired loop. */
  readonly w2: Summary;
  readonly w5: Summary;
  /** time(W5) / time(W2), per sample. */
  readonly ratio: Summary;
  /** How W5's perturbation was built: composed of primitive ops, or tapegrad's fused node. */
  readonly perturbation: "composed" | "fused";
}

export interface MicroFigure {
  readonly id: string;
  readonly family: string;
  readonly label: string;
  readonly system: SystemId;
  /** Milliseconds per run of the case. */
  readonly time: Summary;
  readonly derived: { readonly unit: string; readonly value: number } | null;
  /** The case this one adds to, if any. */
  readonly baseline: string | null;
}

export interface SuiteResult {
  readonly format: "tapegrad-bench/1";
  readonly mode: "quick" | "full";
  readonly clock: ClockName;
  readonly budget: Budget;
  readonly machine: Machine;
  readonly seconds: number;
  readonly cells: readonly CellFigure[];
  readonly pairs: readonly PairFigure[];
  readonly micro: readonly MicroFigure[];
  /** Peers asked for but not measured, and why. */
  readonly skipped?: readonly string[];
  /** This machine's WebAssembly SIMD multiply-add peak, timed in W3's and W4's rounds (absent when neither ran). */
  readonly peaks?: readonly SimdPeak[];
}

export interface SuiteOptions {
  readonly full: boolean;
  /** Workload ids, "micro", micro families or micro case ids; null runs everything. */
  readonly only: readonly string[] | null;
  readonly systems: readonly SystemId[];
  readonly clock: ClockName;
  /** Called before each group of cells, with its label and how many groups there are. */
  readonly onGroup?: (label: string, index: number, total: number) => void;
  readonly onSample?: () => void;
}

/** The micro-benchmarks get a third of a workload cell's time: they are many, and each is small. */
function microBudget(b: Budget): Budget {
  return { ...b, warmupMs: b.warmupMs / 2, cellMs: b.cellMs / 3 };
}

async function loadSystems(ids: readonly SystemId[], skipped: string[]): Promise<Map<SystemId, System>> {
  const systems = new Map<SystemId, System>();
  const tfjs = ids.some((id) => id.startsWith("tfjs")) ? await import("./systems/tfjs.ts") : null;
  for (const id of SYSTEM_IDS) {
    if (!ids.includes(id)) continue;
    if (id === "tapegrad") systems.set(id, tapegrad);
    else if (id === "tapegrad-untidy") systems.set(id, tapegradUntidy);
    else if (id === "loops") systems.set(id, loops);
    else if (id === "jaxjs") systems.set(id, (await import("./systems/jaxjs.ts")).jaxjs);
    else if (id === "pytorch") {
      const torch = await import("./systems/pytorch.ts");
      if (torch.torchPython() !== null) systems.set(id, torch.pytorch);
      else skipped.push("PyTorch: skipped, no python3 here imports torch (apt-get install python3-torch to measure it)");
    } else if (tfjs !== null) systems.set(id, id === "tfjs-cpu" ? tfjs.tfjsCpu : tfjs.tfjsWasm);
  }
  return systems;
}

async function versions(systems: Map<SystemId, System>): Promise<Record<string, string>> {
  const ids = [...systems.keys()];
  return {
    ...(ids.some((id) => id.startsWith("tfjs")) ? await (await import("./systems/tfjs.ts")).tfVersions() : {}),
    ...(ids.includes("jaxjs") ? await (await import("./systems/jaxjs.ts")).jaxVersion() : {}),
    ...(ids.includes("pytorch") ? await (await import("./systems/pytorch.ts")).torchVersion() : {}),
  };
}

/** Sets up `w` in `system` and wraps it as a harness subject. */
async function subject(system: System, w: Workload, dtype: BenchDType, steppers: Stepper[]): Promise<Subject> {
  await system.enter();
  const stepper = system.create(w, dtype);
  steppers.push(stepper);
  return { key: system.id, enter: () => system.enter(), run: (n) => stepper.run(n) };
}

/**
 * tapegrad's W5/W2 pairs, which the goals read, get three times a cell's samples in the quick run: the effect they
 * measure (1–2% of a W2 step) is smaller than the spread of a quick run's 80 or so paired samples (±3–5%).
 */
function pairBudget(b: Budget): Budget {
  return b === QUICK ? { ...b, cellMs: 3 * b.cellMs } : b;
}

/** The subject that times the SIMD peak loop beside W3's and W4's systems. */
const PEAK = "SIMD peak loop";

interface Group {
  readonly label: string;
  run(): Promise<void>;
}

export function selected(only: readonly string[] | null, c: MicroCase): boolean {
  if (only === null) return true;
  return only.includes("micro") || only.includes(c.family) || only.includes(c.id);
}

export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const start = performance.now();
  const budget = options.full ? FULL : QUICK;
  const skipped: string[] = [];
  const systems = await loadSystems(options.systems, skipped);
  const machine = describeMachine(await versions(systems));
  const only = options.only;
  const want = (id: WorkloadId) => only === null || only.includes(id);
  const onSample = options.onSample === undefined ? undefined : () => options.onSample?.();
  // The CPU clock also counts what peers in other processes (the PyTorch worker) spent on this process's behalf.
  const own = clockOf(options.clock);
  const clock = options.clock === "cpu" ? () => own() + childCpuMs() : own;
  const cells: CellFigure[] = [];
  const pairs: PairFigure[] = [];
  const micro: MicroFigure[] = [];
  const groups: Group[] = [];
  const peaks: SimdPeak[] = [];

  const cellGroup = (w: Workload, dtype: BenchDType) => ({
    label: `${w.id} ${dtype}`,
    async run() {
      const steppers: Stepper[] = [];
      const subjects: Subject[] = [];
      for (const s of systems.values()) if (s.dtypes.includes(dtype)) subjects.push(await subject(s, w, dtype, steppers));
      const flops = w.id === "W3" || w.id === "W4" ? flopsPerStep(w) : null;
      const loop = flops === null ? null : peakLoop(dtype === "float32" ? "f32x4" : "f64x2");
      if (loop !== null) subjects.push({ key: PEAK, run: (n) => { for (let i = 0; i < n; i++) loop.run(); } });
      const stats = await measure(subjects, budget, { onSample, clock });
      for (const st of steppers) st.dispose();
      for (const [key, time] of stats) {
        if (key === PEAK && loop !== null) {
          peaks.push({ lanes: loop.lanes, gflops: loop.flops / (time.median * 1e6), fused: loop.fused, workload: w.id });
          continue;
        }
        const gflops = flops === null ? null : flops / (time.median * 1e6);
        cells.push({ workload: w.id, dtype, system: key as SystemId, time, stepsPerSec: 1000 / time.median, gflops });
      }
    },
  });
  for (const w of WORKLOADS) if (w.id !== "W5" && want(w.id)) groups.push(cellGroup(w, "float32"));
  if (want("W4")) groups.push(cellGroup(workload("W4"), "float64"));
  if (want("W5")) {
    const variants = (s: System): ("composed" | "fused")[] => (s.id === "tapegrad" ? ["composed", "fused"] : ["composed"]);
    for (const s of systems.values()) {
      for (const perturbation of variants(s)) {
        groups.push({
          label: `W5/W2 ${s.id}${perturbation === "fused" ? " (fused)" : ""}`,
          async run() {
            const steppers: Stepper[] = [];
            const a = await subject(s, workload("W2"), "float32", steppers);
            const b = await subject(s, { ...(workload("W5") as MlpWorkload), perturbed: perturbation }, "float32", steppers);
            const r = await measurePaired(a, b, s.id === "tapegrad" ? pairBudget(budget) : budget, { onSample, clock });
            for (const st of steppers) st.dispose();
            pairs.push({ system: s.id, w2: r.a, w5: r.b, ratio: r.ratio, perturbation });
          },
        });
      }
    }
  }
  const tfjs = [...systems.values()].filter((s) => s.id.startsWith("tfjs"));
  const tf: Tf | null = tfjs.length > 0 ? await (await import("./systems/tfjs.ts")).loadTf() : null;
  // Cases with TF.js counterparts run one at a time beside them; tapegrad-only cases run family by family, so
  // that cases compared with each other (perturb against its baseline) are interleaved.
  const chosen = systems.has("tapegrad") ? MICRO_CASES.filter((c) => selected(only, c)) : [];
  const batches: MicroCase[][] = [];
  for (const c of chosen) {
    const last = batches[batches.length - 1];
    if (c.tfjs === undefined && last !== undefined && last[0].tfjs === undefined && last[0].family === c.family) last.push(c);
    else batches.push([c]);
  }
  for (const batch of batches) {
    groups.push({
      label: `micro ${batch.length === 1 ? batch[0].id : batch[0].family}`,
      async run() {
        const subjects: Subject[] = batch.map((c) => ({ key: `tapegrad ${c.id}`, run: c.tapegrad() }));
        const make = batch[0].tfjs;
        if (make !== undefined && tf !== null) {
          for (const s of tfjs) {
            await s.enter();
            subjects.push({ key: `${s.id} ${batch[0].id}`, enter: () => s.enter(), run: make(tf) });
          }
        }
        const stats = await measure(subjects, microBudget(budget), { onSample, clock });
        for (const [key, time] of stats) {
          const [system, id] = key.split(" ") as [SystemId, string];
          const c = batch.find((x) => x.id === id) as MicroCase;
          const d = c.derived;
          const value = d === undefined ? 0 : d.unit === "GFLOP/s" ? d.amount / (time.median * 1e6) : (time.median * 1e6) / d.amount;
          const derived = d === undefined ? null : { unit: d.unit, value };
          micro.push({ id, family: c.family, label: c.label, system, time, derived, baseline: c.baseline ?? null });
        }
      },
    });
  }
  for (let i = 0; i < groups.length; i++) {
    options.onGroup?.(groups[i].label, i, groups.length);
    await groups[i].run();
  }
  const mode = options.full ? "full" : "quick";
  const seconds = (performance.now() - start) / 1000;
  return { format: "tapegrad-bench/1", mode, clock: options.clock, budget, machine, seconds, cells, pairs, micro, skipped, peaks };
}
