import { type System } from "./system.ts";
export declare const floor: System;
//# sourceMappingURL=floor.d.ts.map