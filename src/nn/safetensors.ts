/**
 * The safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian unsigned header
 * length N, N bytes of JSON `{"__metadata__": {str: str}, name: {"dtype", "shape", "data_offsets": [begin, end]}}`
 * (padded with spaces so that the data starts 8-byte aligned), then the tensors' raw little-endian row-major
 * bytes, back to back, offsets relative to the start of that data. tapegrad reads and writes F32 and F64.
 *
 * Reading checks everything before making a tensor (size, header JSON, dtypes, shapes against byte counts, offsets
 * that tile the data with no hole or overlap), so bad bytes throw and yield nothing. Bytes only, so that browsers
 * can use it: files are safetensors-file.ts's, in tapegrad/node.
 */
import { allocateOwned, type DType } from "../autograd/dtype.ts";
import { ArgumentError } from "../autograd/errors.ts";
import { formatShape, numel } from "../autograd/shape.ts";
import { Tensor } from "../autograd/tensor.ts";

/** A malformed or unsupported safetensors file. */
export class SafetensorsError extends ArgumentError {
  override name = "SafetensorsError";
}

const CODES: Record<DType, { code: string; bytes: number }> = {
  float32: { code: "F32", bytes: 4 },
  float64: { code: "F64", bytes: 8 },
};
const FROM_CODE: Record<string, DType> = { F32: "float32", F64: "float64" };
/** The reference implementation refuses headers above 100 MB. */
const MAX_HEADER = 100_000_000;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export interface Safetensors {
  readonly tensors: Record<string, Tensor>;
  readonly metadata: Record<string, string>;
}

export type Named = Record<string, Tensor> | ReadonlyMap<string, Tensor>;

/**
 * `obj[key] = value` that always makes an own property: assigning to "__proto__" would set the prototype instead
 * (a tensor named "__proto__" would vanish from the header, or from the loaded record).
 */
function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The bytes of a safetensors file holding `tensors` (in name order, as the reference writer does). */
export function serializeSafetensors(tensors: Named, metadata: Record<string, string> = {}): Uint8Array {
  const entries = (tensors instanceof Map ? [...tensors] : Object.entries(tensors as Record<string, Tensor>)).sort(
    ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0),
  );
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) {
    for (const [k, v] of Object.entries(metadata)) {
      if (typeof v !== "string") throw new ArgumentError(`saveSafetensors: metadata "${k}" must be a string`);
    }
    header.__metadata__ = metadata;
  }
  let offset = 0;
  for (const [name, t] of entries) {
    if (name === "" || name === "__metadata__") throw new ArgumentError(`saveSafetensors: invalid tensor name "${name}"`);
    if (!(t instanceof Tensor)) throw new ArgumentError(`saveSafetensors: "${name}" is not a Tensor`);
    const size = t.size * CODES[t.dtype].bytes;
    setOwn(header, name, { dtype: CODES[t.dtype].code, shape: [...t.shape], data_offsets: [offset, offset + size] });
    offset += size;
  }
  const json = JSON.stringify(header);
  const encoder = new TextEncoder();
  const head = encoder.encode(json + " ".repeat((8 - ((8 + encoder.encode(json).length) % 8)) % 8));
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const [, t] of entries) {
    const d = t.data;
    if (LITTLE_ENDIAN) out.set(new Uint8Array(d.buffer, d.byteOffset, d.byteLength), at);
    else for (let i = 0; i < d.length; i++) {
      if (t.dtype === "float32") view.setFloat32(at + 4 * i, d[i], true);
      else view.setFloat64(at + 8 * i, d[i], true);
    }
    at += d.byteLength;
  }
  return out;
}

interface Entry {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: number[];
  readonly begin: number;
  readonly end: number;
}

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function checkEntry(fail: (m: string) => never, name: string, info: unknown): Entry {
  if (info === null || typeof info !== "object" || Array.isArray(info)) fail(`entry "${name}" is not an object`);
  const { dtype: code, shape, data_offsets: offsets } = info as Record<string, unknown>;
  if (typeof code !== "string") fail(`entry "${name}" has no dtype`);
  const dtype = FROM_CODE[code];
  if (dtype === undefined || !Object.hasOwn(FROM_CODE, code)) {
    fail(`tensor "${name}" has dtype ${JSON.stringify(code)}; tapegrad reads F32 and F64 (convert it to one of those)`);
  }
  if (!Array.isArray(shape) || !shape.every(isCount)) fail(`tensor "${name}" has an invalid shape ${JSON.stringify(shape)}`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    fail(`tensor "${name}" has invalid data_offsets ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  const want = numel(shape as number[]) * CODES[dtype].bytes;
  if (end - begin !== want) {
    fail(
      `tensor "${name}" (${code}, shape ${formatShape(shape as number[])}) needs ${want} bytes but its data_offsets ` +
        `[${begin}, ${end}] span ${end - begin}`,
    );
  }
  return { name, dtype, shape: shape as number[], begin, end };
}

/** Reads safetensors bytes; `source` names where they came from in errors. */
export function parseSafetensors(bytes: Uint8Array, source = "the buffer"): Safetensors {
  const fail = (m: string): never => {
    throw new SafetensorsError(`loadSafetensors: ${source}: ${m}`);
  };
  if (bytes.length < 8) fail(`truncated: ${bytes.length} bytes, but a safetensors file starts with an 8-byte header length`);
  const n64 = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  if (n64 > BigInt(Math.min(MAX_HEADER, bytes.length - 8))) {
    fail(
      n64 > BigInt(MAX_HEADER)
        ? `header length ${n64} is above the format's 100 MB limit: not a safetensors file`
        : `truncated or not safetensors: the header claims ${n64} bytes but only ${bytes.length - 8} follow`,
    );
  }
  const n = Number(n64);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    fail(`the header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) fail("the header is not a JSON object");
  const metadata: Record<string, string> = {};
  const entries: Entry[] = [];
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (info === null || typeof info !== "object" || Array.isArray(info)) fail("__metadata__ is not an object");
      for (const [k, v] of Object.entries(info as Record<string, unknown>)) {
        if (typeof v !== "string") fail(`__metadata__ "${k}" is not a string`);
        setOwn(metadata, k, v as string);
      }
      continue;
    }
    entries.push(checkEntry(fail, name, info));
  }
  const dataLength = bytes.length - 8 - n;
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const e of sorted) {
    if (e.begin !== covered) {
      fail(
        e.begin < covered
          ? `tensor "${e.name}" overlaps the tensor before it (data_offsets [${e.begin}, ${e.end}])`
          : `the data has a hole before tensor "${e.name}" (bytes ${covered} to ${e.begin})`,
      );
    }
    covered = e.end;
  }
  if (covered > dataLength) fail(`truncated: the tensors need ${covered} bytes of data but the file holds ${dataLength}`);
  if (covered < dataLength) fail(`${dataLength - covered} bytes after the last tensor: not a valid safetensors file`);
  const tensors: Record<string, Tensor> = {};
  const start = 8 + n;
  for (const e of entries) {
    const raw = new Uint8Array(e.end - e.begin); // a copy, aligned at 0 (a Node Buffer's slice would be a view)
    raw.set(bytes.subarray(start + e.begin, start + e.end));
    let data;
    if (LITTLE_ENDIAN) data = e.dtype === "float32" ? new Float32Array(raw.buffer) : new Float64Array(raw.buffer);
    else {
      const view = new DataView(raw.buffer);
      data = allocateOwned(e.dtype, numel(e.shape));
      for (let i = 0; i < data.length; i++) data[i] = e.dtype === "float32" ? view.getFloat32(4 * i, true) : view.getFloat64(8 * i, true);
    }
    setOwn(tensors, e.name, new Tensor(data, e.shape));
  }
  return { tensors, metadata };
}
