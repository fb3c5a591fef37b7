/**
 * CPU time spent for this process by the workers it waits on (the PyTorch peer's Python process). The harness's
 * CPU clock adds it to the process's own: a peer running in a child would otherwise take no time at all on it.
 */
let childMs = 0;

/** Records `ms` of CPU time a worker reports for work this process waited on. */
export function addChildCpu(ms: number): void {
  childMs += ms;
}

export function childCpuMs(): number {
  return childMs;
}
