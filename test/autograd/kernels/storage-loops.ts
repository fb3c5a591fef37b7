/**
 * Finds the loops over storage in TypeScript sources, with the type checker: a loop (for, for-of, while, do) whose
 * body indexes a typed array, a for-of over a typed array, or an iterating method (forEach, map, reduce, …) called
 * on one. Loops over shapes, axes, parts or plain arrays index no typed array, so they are not storage loops.
 */
import { resolve } from "node:path";
import ts from "typescript";

export interface StorageLoop {
  /** Relative to the repository, e.g. src/autograd/ops/gate.ts. */
  readonly file: string;
  readonly line: number;
  /** The loop's first line, trimmed. */
  readonly text: string;
}

const TYPED = new Set([
  "Float64Array", "Float32Array", "Int32Array", "Uint32Array", "Int16Array", "Uint16Array", "Int8Array",
  "Uint8Array", "Uint8ClampedArray", "BigInt64Array", "BigUint64Array",
]);
const ITERATING = new Set(["forEach", "map", "reduce", "reduceRight", "every", "some", "filter", "find", "findIndex"]);

export const ROOT = resolve(import.meta.dirname, "../../..");

export function storageLoops(files: readonly string[]): StorageLoop[] {
  const paths = files.map((f) => resolve(ROOT, f));
  const program = ts.createProgram(paths, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    skipLibCheck: true,
    types: [],
    lib: ["lib.es2022.d.ts"],
  });
  const checker = program.getTypeChecker();
  const isTyped = (e: ts.Expression): boolean => {
    const t = checker.getTypeAtLocation(e);
    const parts = t.isUnion() ? t.types : [t];
    return parts.every((p) => TYPED.has(p.getSymbol()?.getName() ?? ""));
  };
  /** Whether `node` reads or writes a typed array by index, or iterates one, anywhere inside it. */
  const touchesStorage = (node: ts.Node): boolean => {
    let found = false;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isElementAccessExpression(n) && isTyped(n.expression)) found = true;
      else ts.forEachChild(n, visit);
    };
    visit(node);
    return found;
  };
  const loops: StorageLoop[] = [];
  for (const path of paths) {
    const source = program.getSourceFile(path);
    if (source === undefined) throw new Error(`storage-loops: cannot read ${path}`);
    const report = (n: ts.Node): void => {
      const { line } = source.getLineAndCharacterOfPosition(n.getStart(source));
      const text = n.getText(source).split("\n")[0].trim();
      loops.push({ file: path.slice(ROOT.length + 1), line: line + 1, text });
    };
    const visit = (n: ts.Node): void => {
      if (ts.isForOfStatement(n) && isTyped(n.expression)) report(n);
      else if (ts.isIterationStatement(n, false) && touchesStorage(n.statement)) report(n);
      else if (
        ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) &&
        ITERATING.has(n.expression.name.text) && isTyped(n.expression.expression)
      ) report(n);
      ts.forEachChild(n, visit);
    };
    visit(source);
  }
  return loops;
}
