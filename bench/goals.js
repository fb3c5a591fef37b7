function median(r, w, system, dtype = "float32") {
    const c = r.cells.find((x) => x.workload === w && x.system === system && x.dtype === dtype);
    return c === undefined ? null : c.time.median;
}
function ratio(num, den) {
    return num === null || den === null ? null : num / den;
}
function goal(text, value, at, target, stretch = false) {
    const pass = value === null ? null : at === "least" ? value >= target : value <= target;
    return { text, value, target, at, pass, stretch };
}
export function evaluateGoals(r) {
    const speedup = (w, peer) => ratio(median(r, w, peer), median(r, w, "tapegrad"));
    const overFloor = (w) => ratio(median(r, w, "tapegrad"), median(r, w, "floor"));
    const gflops = (dtype) => r.cells.find((c) => c.workload === "W4" && c.system === "tapegrad" && c.dtype === dtype)?.gflops ?? null;
    const pair = r.pairs.find((p) => p.system === "tapegrad" && p.perturbation === "composed");
    const fusedPair = r.pairs.find((p) => p.system === "tapegrad" && p.perturbation === "fused");
    return [
        goal("W4 float32 GFLOP/s", gflops("float32"), "least", 2.5),
        goal("W4 float64 GFLOP/s", gflops("float64"), "least", 2.5),
        goal("W4 speedup over TF.js CPU", speedup("W4", "tfjs-cpu"), "least", 4),
        goal("W1 speedup over TF.js CPU", speedup("W1", "tfjs-cpu"), "least", 5),
        goal("W2 speedup over TF.js CPU", speedup("W2", "tfjs-cpu"), "least", 3),
        goal("W3 speedup over TF.js CPU", speedup("W3", "tfjs-cpu"), "least", 3),
        goal("W1 time over the hand-written floor", overFloor("W1"), "most", 2),
        goal("W2 time over the hand-written floor", overFloor("W2"), "most", 1.5),
        goal("W3 time over the hand-written floor", overFloor("W3"), "most", 1.5),
        goal("W5/W2 time, paired (composed)", pair === undefined ? null : pair.ratio.median, "most", 1.05),
        goal("W5/W2 time, paired (fused node)", fusedPair === undefined ? null : fusedPair.ratio.median, "most", 1.05),
        goal("W1 speedup over TF.js WASM", speedup("W1", "tfjs-wasm"), "least", 1, true),
        goal("W2 speedup over TF.js WASM", speedup("W2", "tfjs-wasm"), "least", 1, true),
        // "Match" on W3: within 5%, about the run-to-run noise of a quick run.
        goal("W3 speedup over TF.js WASM (match)", speedup("W3", "tfjs-wasm"), "least", 0.95, true),
    ];
}
