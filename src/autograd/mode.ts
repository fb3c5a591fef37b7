/** Global recording switches: gradient mode (noGrad / enableGrad) and anomaly detection. */

let gradEnabled = true;
let anomalyEnabled = false;
let valuesKept = false;

export function isGradEnabled(): boolean {
  return gradEnabled;
}

export function isAnomalyEnabled(): boolean {
  return anomalyEnabled;
}

export function areValuesKept(): boolean {
  return valuesKept;
}

function withFlag<T>(set: (v: boolean) => boolean, value: boolean, fn: () => T): T {
  const previous = set(value);
  try {
    return fn();
  } finally {
    set(previous);
  }
}

function setGrad(v: boolean): boolean {
  const previous = gradEnabled;
  gradEnabled = v;
  return previous;
}

function setKept(v: boolean): boolean {
  const previous = valuesKept;
  valuesKept = v;
  return previous;
}

function setAnomaly(v: boolean): boolean {
  const previous = anomalyEnabled;
  anomalyEnabled = v;
  return previous;
}

/** Runs `fn` without recording anything on the tape (PyTorch's `torch.no_grad()`). */
export function noGrad<T>(fn: () => T): T {
  return withFlag(setGrad, false, fn);
}

/** Runs `fn` with recording on, also inside `noGrad`. */
export function enableGrad<T>(fn: () => T): T {
  return withFlag(setGrad, true, fn);
}

/** Runs `fn` with recording set to `enabled`. */
export function setGradEnabled<T>(enabled: boolean, fn: () => T): T {
  return withFlag(setGrad, enabled, fn);
}

/**
 * Runs `fn` with anomaly detection: every node remembers where it was created, and a NaN or infinity produced
 * by a backward rule throws an AnomalyError naming the forward op and that place.
 */
export function detectAnomaly<T>(fn: () => T): T {
  return withFlag(setAnomaly, true, fn);
}

/**
 * Runs `fn` with every node recorded in it holding all its inputs and its output, not only those its rule reads,
 * so that `tapeOf`, `explain` and the graph drawings show the value of every intermediate tensor of a live graph.
 * Outside it a node keeps of a value its rule does not read only the shape (listings say "not kept"), as PyTorch
 * does; a backward without retainGraph releases the values either way.
 */
export function keepValues<T>(fn: () => T): T {
  return withFlag(setKept, true, fn);
}
