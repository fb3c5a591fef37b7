/**
 * The whole suite: the workloads W1–W4 with every system interleaved, W4 again in float64, W5 paired with W2 in
 * each system, and the micro-benchmarks. `runSuite` measures; report.ts prints; compare.ts diffs two results.
 */
import { FULL, QUICK, clockOf, measure, measurePaired } from "./harness.js";
import { describeMachine } from "./machine.js";
import { AUTODIFF_CASES } from "./micro/autodiff.js";
import { OP_CASES } from "./micro/ops.js";
import { floor } from "./systems/floor.js";
import { SYSTEM_IDS } from "./systems/system.js";
import { tapegrad } from "./systems/tapegrad.js";
import { WORKLOADS, flopsPerStep, workload } from "./workloads.js";
export const MICRO_CASES = [...OP_CASES, ...AUTODIFF_CASES];
/** The micro-benchmarks get a third of a workload cell's time: they are many, and each is small. */
function microBudget(b) {
    return { ...b, warmupMs: b.warmupMs / 2, cellMs: b.cellMs / 3 };
}
async function loadSystems(ids) {
    const systems = new Map();
    const tfjs = ids.some((id) => id.startsWith("tfjs")) ? await import("./systems/tfjs.js") : null;
    for (const id of SYSTEM_IDS) {
        if (!ids.includes(id))
            continue;
        if (id === "tapegrad")
            systems.set(id, tapegrad);
        else if (id === "floor")
            systems.set(id, floor);
        else if (tfjs !== null)
            systems.set(id, id === "tfjs-cpu" ? tfjs.tfjsCpu : tfjs.tfjsWasm);
    }
    return systems;
}
async function versions(systems) {
    if (![...systems.keys()].some((id) => id.startsWith("tfjs")))
        return {};
    return (await import("./systems/tfjs.js")).tfVersions();
}
/** Sets up `w` in `system` and wraps it as a harness subject. */
async function subject(system, w, dtype, steppers) {
    await system.enter();
    const stepper = system.create(w, dtype);
    steppers.push(stepper);
    return { key: system.id, enter: () => system.enter(), run: (n) => stepper.run(n) };
}
export function selected(only, c) {
    if (only === null)
        return true;
    return only.includes("micro") || only.includes(c.family) || only.includes(c.id);
}
export async function runSuite(options) {
    const start = performance.now();
    const budget = options.full ? FULL : QUICK;
    const systems = await loadSystems(options.systems);
    const machine = describeMachine(await versions(systems));
    const only = options.only;
    const want = (id) => only === null || only.includes(id);
    const onSample = options.onSample === undefined ? undefined : () => options.onSample?.();
    const clock = clockOf(options.clock);
    const cells = [];
    const pairs = [];
    const micro = [];
    const groups = [];
    const cellGroup = (w, dtype) => ({
        label: `${w.id} ${dtype}`,
        async run() {
            const steppers = [];
            const subjects = [];
            for (const s of systems.values())
                if (s.dtypes.includes(dtype))
                    subjects.push(await subject(s, w, dtype, steppers));
            const stats = await measure(subjects, budget, { onSample, clock });
            for (const st of steppers)
                st.dispose();
            const flops = w.id === "W3" || w.id === "W4" ? flopsPerStep(w) : null;
            for (const [key, time] of stats) {
                const gflops = flops === null ? null : flops / (time.median * 1e6);
                cells.push({ workload: w.id, dtype, system: key, time, stepsPerSec: 1000 / time.median, gflops });
            }
        },
    });
    for (const w of WORKLOADS)
        if (w.id !== "W5" && want(w.id))
            groups.push(cellGroup(w, "float32"));
    if (want("W4"))
        groups.push(cellGroup(workload("W4"), "float64"));
    if (want("W5")) {
        const variants = (s) => (s.id === "tapegrad" ? ["composed", "fused"] : ["composed"]);
        for (const s of systems.values()) {
            for (const perturbation of variants(s)) {
                groups.push({
                    label: `W5/W2 ${s.id}${perturbation === "fused" ? " (fused)" : ""}`,
                    async run() {
                        const steppers = [];
                        const a = await subject(s, workload("W2"), "float32", steppers);
                        const b = await subject(s, { ...workload("W5"), perturbed: perturbation }, "float32", steppers);
                        const r = await measurePaired(a, b, budget, { onSample, clock });
                        for (const st of steppers)
                            st.dispose();
                        pairs.push({ system: s.id, w2: r.a, w5: r.b, ratio: r.ratio, perturbation });
                    },
                });
            }
        }
    }
    const tfjs = [...systems.values()].filter((s) => s.id.startsWith("tfjs"));
    const tf = tfjs.length > 0 ? await (await import("./systems/tfjs.js")).loadTf() : null;
    // Cases with TF.js counterparts run one at a time beside them; tapegrad-only cases run family by family, so
    // that cases compared with each other (perturb against its baseline) are interleaved.
    const chosen = systems.has("tapegrad") ? MICRO_CASES.filter((c) => selected(only, c)) : [];
    const batches = [];
    for (const c of chosen) {
        const last = batches[batches.length - 1];
        if (c.tfjs === undefined && last !== undefined && last[0].tfjs === undefined && last[0].family === c.family)
            last.push(c);
        else
            batches.push([c]);
    }
    for (const batch of batches) {
        groups.push({
            label: `micro ${batch.length === 1 ? batch[0].id : batch[0].family}`,
            async run() {
                const subjects = batch.map((c) => ({ key: `tapegrad ${c.id}`, run: c.tapegrad() }));
                const make = batch[0].tfjs;
                if (make !== undefined && tf !== null) {
                    for (const s of tfjs) {
                        await s.enter();
                        subjects.push({ key: `${s.id} ${batch[0].id}`, enter: () => s.enter(), run: make(tf) });
                    }
                }
                const stats = await measure(subjects, microBudget(budget), { onSample, clock });
                for (const [key, time] of stats) {
                    const [system, id] = key.split(" ");
                    const c = batch.find((x) => x.id === id);
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
    return { format: "tapegrad-bench/1", mode, clock: options.clock, budget, machine, seconds, cells, pairs, micro };
}
