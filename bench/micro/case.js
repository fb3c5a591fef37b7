/** A micro-benchmark: one small piece of work, in tapegrad and (where TF.js has the same op) in TF.js. */
import { Mulberry32 } from "../data.js";
/** `count` values from U(−1, 1), from a fixed stream so that every run sees the same data. */
export function values(count, seed = 7) {
    return new Mulberry32(seed).uniform(count, -1, 1);
}
/** A TF.js runner: `op` inside tidy, so every intermediate is freed. */
export function tidyRunner(tf, op) {
    return (count) => {
        for (let i = 0; i < count; i++)
            tf.tidy(() => void op());
    };
}
