import { asTensor, defineOp } from "../op.ts";
import { record, type OpDef } from "../tape.ts";
import { Tensor } from "../tensor-base.ts";

/**
 * sg(x): the same values (shared storage), cut from the tape.  No gradient, at any order.
 * NOTE: the node is still recorded (when x requires grad) so that tape listings can show the cut edge; its
 * output never requires grad, so the backward walk never enters it.
 */
const def: OpDef = {
  name: "detach",
  formula: "sg(x) = x;  no gradient (∂x = none, at every order)",
  savesInputs: false,
  backward: null,
};

export const detach = defineOp((input: Tensor): Tensor => {
  const x = asTensor("detach", input);
  return record(def, [x], new Tensor(x.data, x.shape, false, x._version), undefined);
}, def);
