/**
 * The bundled data sets' CSV: each row holds the features then the class index, numbers only; an optional header
 * line "rows,features,class names…". Every cell is checked, so that a damaged file is an error naming its line
 * (1-based, as an editor counts, header included) and column, never a silent 0 (a blank cell) or a truncated label.
 */
import { ArgumentError } from "../../autograd/errors.ts";

export interface CsvTable {
  /** Feature values, row-major, `features` per row. */
  readonly x: number[];
  /** Class index per row. */
  readonly y: number[];
  readonly classNames?: string[];
}

/** Parses `text` (from `source`, for messages) into rows of `features` numbers and an integer label each. */
export function parseLabelledCsv(text: string, source: string, features: number, hasHeader: boolean): CsvTable {
  const lines = text.split("\n");
  const x: number[] = [];
  const y: number[] = [];
  let classNames: string[] | undefined;
  const fail = (line: number, what: string): never => {
    throw new ArgumentError(`data: ${source} line ${line}: ${what}`);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, "");
    if (line.trim() === "") continue;
    if (hasHeader && classNames === undefined) {
      classNames = line.split(",").slice(2);
      continue;
    }
    const cells = line.split(",");
    if (cells.length !== features + 1) fail(i + 1, `${cells.length} columns, expected ${features + 1} (features then the label)`);
    cells.forEach((cell, j) => {
      const v = Number(cell);
      if (cell.trim() === "") fail(i + 1, `column ${j + 1} is blank`);
      if (!Number.isFinite(v)) fail(i + 1, `column ${j + 1} holds '${cell}', not a number`);
      if (j < features) x.push(v);
      else if (!Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1) {
        fail(i + 1, `the label (column ${j + 1}) is '${cell}', not a class index (an integer ≥ 0)`);
      } else y.push(v);
    });
  }
  return classNames === undefined ? { x, y } : { x, y, classNames };
}
