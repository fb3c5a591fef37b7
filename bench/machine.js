/** The machine and software a run was measured on, recorded with every result. */
import { readFileSync } from "node:fs";
import os from "node:os";
const FLAGS = ["sse4_2", "avx", "avx2", "fma", "avx512f"];
function cpuFlags() {
    try {
        const info = readFileSync("/proc/cpuinfo", "utf8");
        const line = info.split("\n").find((l) => l.startsWith("flags"));
        const have = new Set((line ?? "").split(":")[1]?.trim().split(/\s+/) ?? []);
        return FLAGS.filter((f) => have.has(f));
    }
    catch {
        return [];
    }
}
function packageVersion() {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    return pkg.version ?? "unknown";
}
export function describeMachine(extra = {}) {
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
        loadAverage: Math.round(os.loadavg()[0] * 100) / 100,
        versions: { tapegrad: packageVersion(), ...extra },
    };
}
/** One line for a table's header. */
export function machineLine(m) {
    const flags = m.cpuFlags.length > 0 ? ` (${m.cpuFlags.join(" ")})` : "";
    const versions = Object.entries(m.versions).map(([k, v]) => `${k} ${v}`).join(", ");
    return `${m.date.slice(0, 10)}, ${m.cpu}${flags}, ${m.cores} cores, ${m.platform} ${m.arch}, Node ${m.node} (V8 ${m.v8}), ${versions}; load ${m.loadAverage}`;
}
