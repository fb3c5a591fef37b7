import { describe, expect, it } from "vitest";
import { editDistance, suggest } from "../../src/cli/suggest.ts";

describe("suggest", () => {
  it("edit distance counts an insertion, a deletion, a substitution and a swap of neighbours as 1 each", () => {
    expect([editDistance("epoch", "epochs"), editDistance("epochs", "epoch"), editDistance("lr", "lx"), editDistance("trian", "train")]).toEqual([1, 1, 1, 1]);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("names the nearest known option when it is close, and nothing when it is not", () => {
    expect(suggest("epoch", ["epochs", "seed"])).toBe("epochs");
    expect(suggest("constructor", ["epochs", "seed"])).toBeNull();
  });
});
