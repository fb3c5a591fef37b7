import { type MicroCase } from "./case.ts";
export declare const OP_CASES: readonly MicroCase[];
//# sourceMappingURL=ops.d.ts.map