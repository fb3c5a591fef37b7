/** The machine and software a run was measured on, recorded with every result. */
import { readFileSync } from "node:fs";
import os from "node:os";
import { hasRelaxedSimd } from "../src/autograd/kernels/wasm-features.ts";
import { fixedYoungGeneration } from "./young-generation.ts";

export interface Machine {
  readonly date: string;
  readonly cpu: string;
  /** The CPU features that decide kernel speed, when /proc/cpuinfo tells them. */
  readonly cpuFlags: readonly string[];
  readonly cores: number;
  readonly memoryGiB: number;
  readonly platform: string;
  readonly arch: string;
  readonly node: string;
  readonly v8: string;
  /** Whether WebAssembly relaxed SIMD validates here (absent from results saved before it was recorded). */
  readonly relaxedSimd?: boolean;
  /** V8's semi-space size in MiB when fixed for the run, null when V8 sized it (absent from older results). */
  readonly youngGenerationMiB?: number | null;
  /** One-minute load average when the run started: other work on the machine skews every figure. */
  readonly loadAverage: number;
  readonly versions: Readonly<Record<string, string>>;
}

const FLAGS = ["sse4_2", "avx", "avx2", "fma", "avx512f"];

function cpuFlags(): string[] {
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    const line = info.split("\n").find((l) => l.startsWith("flags"));
    const have = new Set((line ?? "").split(":")[1]?.trim().split(/\s+/) ?? []);
    return FLAGS.filter((f) => have.has(f));
  } catch {
    return [];
  }
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}

export function describeMachine(extra: Readonly<Record<string, string>> = {}): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cpuFlags: cpuFlags(),
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.type()} ${os.release()}`,
    arch: process.arch,
    node: process.version,
    v8: process.versions.v8,
    relaxedSimd: hasRelaxedSimd(),
    youngGenerationMiB: fixedYoungGeneration(),
    loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
    versions: { tapegrad: packageVersion(), ...extra },
  };
}

/** The runtime, printed with every table: figures from different Node lines are not comparable. */
export function runtimeLine(m: Machine): string {
  const relaxed = m.relaxedSimd === undefined ? "" : `, wasm relaxed SIMD ${m.relaxedSimd ? "yes" : "no"}`;
  const young = m.youngGenerationMiB === undefined ? "" : m.youngGenerationMiB === null ? ", young generation sized by V8" :
    `, young generation ${m.youngGenerationMiB} MiB`;
  return `Node ${m.node} (V8 ${m.v8}${relaxed}${young})`;
}

/** One line for a table's header. */
export function machineLine(m: Machine): string {
  const flags = m.cpuFlags.length > 0 ? ` (${m.cpuFlags.join(" ")})` : "";
  const versions = Object.entries(m.versions).map(([k, v]) => `${k} ${v}`).join(", ");
  return `${m.date.slice(0, 10)}, ${m.cpu}${flags}, ${m.cores} cores, ${m.platform} ${m.arch}, ${runtimeLine(m)}, ${versions}; load ${m.loadAverage}`;
}
