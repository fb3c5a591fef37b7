import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DTypeError, Generator, ShapeError, tensor } from "../../src/index.ts";
import { MLP } from "../../src/nn/index.ts";
import { parseSafetensors, SafetensorsError, serializeSafetensors } from "../../src/nn/safetensors.ts";
import { loadSafetensors, readSafetensors, saveSafetensors } from "../../src/nn/safetensors-file.ts";

const fixture = (name: string) => new URL(`../fixtures/nn/${name}`, import.meta.url).pathname;
const torchJson = JSON.parse(readFileSync(fixture("torch-mlp.json"), "utf8")) as Record<string, { shape: number[]; data: number[] }>;
const dir = mkdtempSync(join(tmpdir(), "tapegrad-st-"));

/** A header + data file made by hand, for the bad-file cases. */
function fileWith(header: unknown, data: Uint8Array, pad = true): Uint8Array {
  let json = JSON.stringify(header);
  if (pad) json += " ".repeat((8 - ((8 + json.length) % 8)) % 8);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(new TextEncoder().encode(json), 8);
  out.set(data, 8 + json.length);
  return out;
}

describe("safetensors", () => {
  it("a file written by PyTorch (F32) loads into the matching MLP([4, 6, 3]) and reproduces its output", () => {
    const model = MLP([4, 6, 3], { activation: "relu", dtype: "float32" });
    model.loadStateDict(loadSafetensors(fixture("torch-mlp.safetensors")));
    for (const [k, v] of Object.entries(model.stateDict())) {
      // F32 values widened to float64 in the JSON: exactly equal.
      expect(v.toFlatArray()).toEqual(torchJson[k].data);
    }
    const y = model.forward(tensor(torchJson.x.data, { shape: torchJson.x.shape, dtype: "float32" })).toFlatArray();
    // torch computed y in float64; a float32 forward rounds each of ~10 operations to 2^-24 ≈ 6e-8 relative.
    y.forEach((v, i) => expect(Math.abs(v - torchJson.y.data[i])).toBeLessThan(1e-6 * (1 + Math.abs(torchJson.y.data[i]))));
  });

  it("the F64 file loads into a float64 MLP and reproduces torch's float64 output to rounding", () => {
    const model = MLP([4, 6, 3], { activation: "relu" });
    model.loadStateDict(loadSafetensors(fixture("torch-mlp-f64.safetensors")));
    const y = model.forward(tensor(torchJson.x.data, { shape: torchJson.x.shape })).toFlatArray();
    // Two float64 evaluations of a 4-6-3 net in different summation orders: ~1e-16·(sum of |terms|) ≲ 1e-15.
    y.forEach((v, i) => expect(Math.abs(v - torchJson.y.data[i])).toBeLessThan(1e-14));
  });

  it("rewriting PyTorch's file gives the same bytes (same header layout, order and padding)", () => {
    for (const name of ["torch-mlp.safetensors", "torch-mlp-f64.safetensors"]) {
      const bytes = readFileSync(fixture(name));
      const { tensors, metadata } = parseSafetensors(bytes);
      expect(metadata).toEqual({ format: "pt" });
      expect(Buffer.from(serializeSafetensors(tensors, metadata)).equals(bytes)).toBe(true);
    }
  });

  it("round trip through a file is exact for float64 and float32, shapes and names included", () => {
    const m = MLP([5, 7, 2], { generator: new Generator(3) });
    const m32 = MLP([3, 2], { generator: new Generator(4), dtype: "float32" });
    const file = join(dir, "rt.safetensors");
    const all = { ...m.stateDict(), "f32.weight": m32.stateDict()["0.weight"], scalar: tensor(Math.PI) };
    saveSafetensors(file, all, { note: "round trip" });
    const back = readSafetensors(file);
    expect(back.metadata).toEqual({ note: "round trip" });
    expect(Object.keys(back.tensors).sort()).toEqual(Object.keys(all).sort());
    for (const [k, t] of Object.entries(all)) {
      expect(back.tensors[k].dtype).toBe(t.dtype);
      expect(back.tensors[k].shape).toEqual(t.shape);
      expect(Buffer.from(back.tensors[k].data.buffer).equals(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength))).toBe(true);
    }
    const bytes = readFileSync(file);
    expect((8 + Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true))) % 8).toBe(0);
  });

  it("bad files: truncated, wrong header, bad offsets, unsupported dtype — clear errors", () => {
    const good = readFileSync(fixture("torch-mlp.safetensors"));
    const cases: [Uint8Array, RegExp][] = [
      [good.subarray(0, 5), /truncated: 5 bytes/],
      [good.subarray(0, 100), /truncated or not safetensors: the header claims \d+ bytes but only 92 follow/],
      [good.subarray(0, good.length - 4), /truncated: the tensors need 204 bytes of data but the file holds 200/],
      [new TextEncoder().encode("PK\u0003\u0004 not a safetensors file at all"), /header length \d+ is above the format's 100 MB limit/],
      [fileWith("just a string", new Uint8Array(0)), /the header is not a JSON object/],
      [fileWith({ a: { dtype: "F32", shape: [2], data_offsets: [0, 4] } }, new Uint8Array(4)), /needs 8 bytes but its data_offsets \[0, 4\] span 4/],
      [fileWith({ a: { dtype: "F16", shape: [2], data_offsets: [0, 4] } }, new Uint8Array(4)), /dtype "F16"; tapegrad reads F32 and F64/],
      [fileWith({ a: { dtype: "F32", shape: [-1], data_offsets: [0, 4] } }, new Uint8Array(4)), /invalid shape/],
      [fileWith({ a: { dtype: "F32", shape: [1], data_offsets: [4, 8] } }, new Uint8Array(8)), /hole before tensor "a"/],
      [fileWith({ a: { dtype: "F32", shape: [1], data_offsets: [0, 4] }, b: { dtype: "F32", shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4)), /overlaps/],
      [fileWith({ a: { dtype: "F32", shape: [1], data_offsets: [0, 4] } }, new Uint8Array(12)), /8 bytes after the last tensor/],
    ];
    const bad = new Uint8Array(good);
    bad[20] = 0xff; // inside the JSON: not UTF-8
    cases.push([bad, /not valid UTF-8 JSON/]);
    for (const [bytes, message] of cases) {
      expect(() => parseSafetensors(bytes, "x.safetensors")).toThrow(SafetensorsError);
      expect(() => parseSafetensors(bytes, "x.safetensors")).toThrow(message);
    }
  });

  it("a bad file or a mismatched one leaves the model unchanged", () => {
    const model = MLP([4, 6, 3], { generator: new Generator(0) });
    const before = model.parameters().map((p) => p.toFlatArray());
    const truncated = join(dir, "truncated.safetensors");
    writeFileSync(truncated, readFileSync(fixture("torch-mlp-f64.safetensors")).subarray(0, 300));
    expect(() => model.loadStateDict(loadSafetensors(truncated))).toThrow(/truncated/);
    expect(() => model.loadStateDict(loadSafetensors(fixture("torch-mlp.safetensors")))).toThrow(DTypeError);
    const other = join(dir, "other.safetensors");
    saveSafetensors(other, MLP([5, 6, 3]).stateDict());
    expect(() => model.loadStateDict(loadSafetensors(other))).toThrow(ShapeError);
    expect(model.parameters().map((p) => p.toFlatArray())).toEqual(before);
  });

  it("write errors name the file, and leave nothing behind", () => {
    const file = join(dir, "no-such-dir", "m.safetensors");
    expect(() => saveSafetensors(file, { a: tensor([1]) })).toThrow(/cannot write the saveSafetensors output to .*no-such-dir.*m\.safetensors: its directory does not exist/);
    expect(existsSync(file)).toBe(false);
    expect(() => loadSafetensors(join(dir, "missing.safetensors"))).toThrow(/cannot read .*missing\.safetensors/);
    expect(() => saveSafetensors(join(dir, "x.safetensors"), { __metadata__: tensor([1]) })).toThrow(/invalid tensor name/);
  });
});

describe("safetensors: a tensor named __proto__ is an ordinary entry", () => {
  it("saving a map or record with the key __proto__ writes it, and loading gives it back as an own property", () => {
    const t = tensor([1, 2, 3]);
    for (const named of [new Map([["__proto__", t], ["w", t]]), Object.fromEntries([["__proto__", t], ["w", t]])]) {
      const back = parseSafetensors(serializeSafetensors(named));
      expect(Object.keys(back.tensors).sort()).toEqual(["__proto__", "w"]);
      expect(Object.hasOwn(back.tensors, "__proto__")).toBe(true);
      expect(Object.getPrototypeOf(back.tensors)).toBe(Object.prototype);
      expect([...back.tensors["__proto__"].data]).toEqual([1, 2, 3]);
    }
  });

  it("a header written by another tool with a __proto__ tensor loads that tensor", () => {
    const head = Buffer.from('{"__proto__":{"dtype":"F64","shape":[1],"data_offsets":[0,8]}}');
    const bytes = Buffer.alloc(8 + head.length + 8);
    bytes.writeBigUInt64LE(BigInt(head.length), 0);
    head.copy(bytes, 8);
    bytes.writeDoubleLE(2.5, 8 + head.length);
    const back = parseSafetensors(bytes);
    expect(Object.hasOwn(back.tensors, "__proto__")).toBe(true);
    expect(back.tensors["__proto__"].item()).toBe(2.5);
  });
});
