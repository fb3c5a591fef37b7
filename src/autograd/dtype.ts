/** Element types a tensor can hold. float64 is the default; mixed binary ops promote to float64. */
export type DType = "float32" | "float64";

/** The flat, row-major backing store of a tensor. */
export type Storage = Float64Array | Float32Array;

export function isDType(x: unknown): x is DType {
  return x === "float32" || x === "float64";
}

export function allocate(dtype: DType, size: number): Storage {
  return dtype === "float32" ? new Float32Array(size) : new Float64Array(size);
}

export function dtypeOf(data: Storage): DType {
  return data instanceof Float32Array ? "float32" : "float64";
}

/** The dtype of a binary op's result: float32 only when both operands are float32. */
export function promote(a: DType, b: DType): DType {
  return a === "float32" && b === "float32" ? "float32" : "float64";
}
