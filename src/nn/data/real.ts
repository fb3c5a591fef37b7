/**
 * The three real data sets in the repository's data/ folder (UCI; CC BY 4.0, see data/README.md): digits (8×8
 * images, 1797 × 64, 10 classes), iris (150 × 4, 3 classes) and breast cancer (569 × 30, 2 classes). Each CSV
 * row holds the features then the class index; iris and breast cancer start with a header line
 * "rows,features,class names…". The .gz is read with node's zlib.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { allocateOwned, type DType } from "../../autograd/dtype.ts";
import { ArgumentError } from "../../autograd/errors.ts";
import { Tensor } from "../../autograd/tensor.ts";
import { parseLabelledCsv } from "./csv.ts";
import type { Dataset } from "./dataset.ts";

const DATA_DIR = new URL("../../../data/", import.meta.url);

function readText(file: string): string {
  const url = new URL(file, DATA_DIR);
  let bytes: Buffer;
  try {
    bytes = readFileSync(url);
  } catch (e) {
    throw new ArgumentError(`data: cannot read ${url.pathname} (${(e as Error).message}); the data/ folder ships with tapegrad`);
  }
  return (file.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString("utf8");
}

function toDataset(name: string, file: string, features: number, hasHeader: boolean, dtype: DType): Dataset {
  const { x, y, classNames } = parseLabelledCsv(readText(file), file, features, hasHeader);
  const n = y.length;
  const data = allocateOwned(dtype, n * features);
  data.set(x);
  let numClasses = 0;
  for (const v of y) numClasses = Math.max(numClasses, v + 1);
  return { name, task: "classification", x: new Tensor(data, [n, features]), y: Int32Array.from(y), numClasses, classNames };
}

export interface RealOptions {
  dtype?: DType;
}

/** 1797 handwritten digits, 8×8 pixels in 0..16, classes 0–9. */
export function loadDigits(options: RealOptions = {}): Dataset {
  const d = toDataset("digits", "digits.csv.gz", 64, false, options.dtype ?? "float64");
  return { ...d, classNames: Array.from({ length: 10 }, (_, i) => String(i)) };
}

/** 150 iris flowers, 4 measurements, classes setosa, versicolor, virginica. */
export function loadIris(options: RealOptions = {}): Dataset {
  return toDataset("iris", "iris.csv", 4, true, options.dtype ?? "float64");
}

/** 569 breast masses, 30 features, classes malignant (0) and benign (1). */
export function loadBreastCancer(options: RealOptions = {}): Dataset {
  return toDataset("breast-cancer", "breast_cancer.csv", 30, true, options.dtype ?? "float64");
}
