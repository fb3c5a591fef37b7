/** The systems in table order; ratios are quoted against the first. */
export const SYSTEM_IDS = ["tapegrad", "tfjs-cpu", "tfjs-wasm", "floor"];
export const SYSTEM_LABELS = {
    tapegrad: "tapegrad",
    "tfjs-cpu": "TF.js CPU",
    "tfjs-wasm": "TF.js WASM",
    floor: "hand-written JS",
};
/** A stepper for a system that holds no resources: `step` runs one step and returns its loss. */
export function plainStepper(step) {
    return {
        run(count) {
            for (let i = 0; i < count; i++)
                step();
        },
        lossStep: step,
        dispose() { },
    };
}
/** `values` rounded to `dtype`. */
export function typed(values, dtype) {
    return dtype === "float32" ? Float32Array.from(values) : Float64Array.from(values);
}
