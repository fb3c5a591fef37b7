/** Plain-text tables of a suite result: the workload matrix, the detailed cells, W5/W2, micro-benchmarks, goals. */
import type { Change } from "./compare.ts";
import type { SuiteResult } from "./suite.ts";
/** Columns padded to their widest cell; `align` has one "l" or "r" per column. */
export declare function table(rows: readonly (readonly string[])[], align: string): string[];
/** Three significant figures, without exponent notation for the ranges benchmarks produce. */
export declare function fmt(x: number): string;
/** The WORKLOADS.md matrix: steps/s per system and workload, with tapegrad's speedup over each peer. */
export declare function matrix(r: SuiteResult): string[];
export declare function cellTable(r: SuiteResult): string[];
export declare function pairTable(r: SuiteResult): string[];
export declare function microTable(r: SuiteResult): string[];
export declare function goalLines(r: SuiteResult): string[];
export declare function noteLines(r: SuiteResult): string[];
export declare function formatReport(r: SuiteResult): string[];
export declare function comparisonLines(changes: readonly Change[]): string[];
//# sourceMappingURL=report.d.ts.map