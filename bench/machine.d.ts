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
    /** One-minute load average when the run started: other work on the machine skews every figure. */
    readonly loadAverage: number;
    readonly versions: Readonly<Record<string, string>>;
}
export declare function describeMachine(extra?: Readonly<Record<string, string>>): Machine;
/** One line for a table's header. */
export declare function machineLine(m: Machine): string;
//# sourceMappingURL=machine.d.ts.map