import { type System } from "./system.ts";
export declare const tapegrad: System;
//# sourceMappingURL=tapegrad.d.ts.map