/**
 * The workloads' data, exactly as WORKLOADS.md fixes it: one mulberry32 stream per workload, consumed in the
 * order W1, b1, W2, b2, …, x, y. Weights and biases are U(−1/√fan_in, 1/√fan_in), inputs U(−1, 1), MSE targets
 * U(−1, 1), class labels floor(u · classes). Values are drawn as float64; each system rounds them to its dtype.
 */
/** mulberry32 (Tommy Ettinger's 32-bit generator): a uniform draw in [0, 1) per call. */
export class Mulberry32 {
    state;
    constructor(seed) {
        this.state = seed | 0;
    }
    next() {
        this.state = (this.state + 0x6d2b79f5) | 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    /** `count` draws from U(lo, hi), in stream order. */
    uniform(count, lo, hi) {
        const out = new Float64Array(count);
        for (let i = 0; i < count; i++)
            out[i] = lo + (hi - lo) * this.next();
        return out;
    }
}
export function mlpData(seed, sizes, batch, loss) {
    const rng = new Mulberry32(seed);
    const weights = [];
    const biases = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
        const bound = 1 / Math.sqrt(sizes[l]);
        weights.push(rng.uniform(sizes[l] * sizes[l + 1], -bound, bound));
        biases.push(rng.uniform(sizes[l + 1], -bound, bound));
    }
    const x = rng.uniform(batch * sizes[0], -1, 1);
    const out = sizes[sizes.length - 1];
    if (loss === "mse")
        return { sizes, batch, weights, biases, x, targets: rng.uniform(batch * out, -1, 1), labels: null };
    const labels = new Int32Array(batch);
    for (let i = 0; i < batch; i++)
        labels[i] = Math.floor(rng.next() * out);
    return { sizes, batch, weights, biases, x, targets: null, labels };
}
export function matmulData(seed, n) {
    const rng = new Mulberry32(seed);
    return { n, a: rng.uniform(n * n, -1, 1), b: rng.uniform(n * n, -1, 1) };
}
/** The perturbation stream of W5: n ~ U(−0.1, 0.1) from mulberry32(seed + 1), fresh each step. */
export function noiseStream(seed) {
    const rng = new Mulberry32(seed + 1);
    return () => -0.1 + 0.2 * rng.next();
}
