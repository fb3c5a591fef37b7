import { type MicroCase } from "./case.ts";
export declare const AUTODIFF_CASES: readonly MicroCase[];
//# sourceMappingURL=autodiff.d.ts.map