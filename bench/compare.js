export const MIN_CHANGE = 0.03;
/** The tapegrad figures of a result, by key. */
export function figures(r) {
    const out = new Map();
    for (const c of r.cells)
        if (c.system === "tapegrad")
            out.set(`${c.workload} ${c.dtype}`, c.time);
    for (const p of r.pairs)
        if (p.system === "tapegrad")
            out.set("W5/W2 ratio", p.ratio);
    for (const m of r.micro)
        if (m.system === "tapegrad")
            out.set(`micro ${m.id}`, m.time);
    return out;
}
export function change(key, base, current) {
    const ratio = current.median / base.median;
    const noise = (Number.isFinite(base.rme) ? base.rme : 1) + (Number.isFinite(current.rme) ? current.rme : 1);
    const threshold = Math.max(MIN_CHANGE, noise);
    const verdict = ratio - 1 > threshold ? "slower" : 1 / ratio - 1 > threshold ? "faster" : "same";
    return { key, base: base.median, current: current.median, ratio, threshold, verdict };
}
/** Every figure present in both runs, compared. */
export function compareResults(base, current) {
    const b = figures(base);
    const out = [];
    for (const [key, cur] of figures(current)) {
        const old = b.get(key);
        if (old !== undefined)
            out.push(change(key, old, cur));
    }
    return out;
}
