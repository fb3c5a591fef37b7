#!/usr/bin/python3
"""Safetensors fixtures of a small PyTorch MLP, for the nn module's loader tests.

Writes, under test/fixtures/nn/:
  torch-mlp.safetensors      state dict of Sequential(Linear(4,6), ReLU(), Linear(6,3)), F32
  torch-mlp-f64.safetensors  the same tensors as F64 (the F32 values, widened exactly)
  torch-mlp.json             the same tensors as {name: {shape, data}} in float64 JSON,
                             plus "x" ([2,4]) and "y" = model(x) ([2,3]), computed in float64

How to run (from the repository root, on Debian bookworm):

    apt-get update && apt-get install -y python3-torch
    /usr/bin/python3 scripts/torch-reference/safetensors_reference.py

Writer used: Debian has no python3-safetensors package, so the files are
written by `write_safetensors` below, which follows the safetensors format:
an 8-byte little-endian unsigned header length N, then N bytes of JSON
header {"__metadata__": {str: str}, name: {"dtype", "shape", "data_offsets":
[begin, end]}, ...} padded with spaces so that 8 + N is a multiple of 8, then
the tensors' raw little-endian row-major bytes, back to back, with offsets
relative to the start of that data section. Like the reference
implementation, the header is compact JSON, "__metadata__" comes first and
the tensors are laid out in the order of their names. If the `safetensors`
package is importable, the script also checks that it reads the files back
identically.

The output is deterministic (torch.manual_seed(0) before building the model).
The TypeScript tests read only the committed files; they never run Python.
"""

import json
import os
import struct

import numpy as np
import torch

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(REPO, "test", "fixtures", "nn")

DTYPES = {torch.float32: ("F32", "<f4"), torch.float64: ("F64", "<f8")}


def write_safetensors(tensors, path, metadata=None):
    header = {}
    if metadata is not None:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    chunks, offset = [], 0
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous()
        code, np_dtype = DTYPES[t.dtype]
        raw = t.numpy().astype(np_dtype, copy=False).tobytes(order="C")
        header[name] = {"dtype": code, "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    hbytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hbytes += b" " * ((-(8 + len(hbytes))) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hbytes)))
        f.write(hbytes)
        for c in chunks:
            f.write(c)


def read_safetensors(path):
    """Strict reader used to check the writer's output."""
    with open(path, "rb") as f:
        buf = f.read()
    (n,) = struct.unpack("<Q", buf[:8])
    assert (8 + n) % 8 == 0
    header = json.loads(buf[8:8 + n].decode("utf-8"))
    data = buf[8 + n:]
    metadata = header.pop("__metadata__", None)
    out, spans = {}, []
    for name, info in header.items():
        code = info["dtype"]
        np_dtype = {"F32": "<f4", "F64": "<f8"}[code]
        b, e = info["data_offsets"]
        arr = np.frombuffer(data[b:e], dtype=np_dtype).reshape(info["shape"])
        assert arr.nbytes == e - b
        out[name] = torch.from_numpy(arr.copy())
        spans.append((b, e))
    spans.sort()
    pos = 0
    for b, e in spans:
        assert b == pos, "tensor data must be contiguous"
        pos = e
    assert pos == len(data), "tensor data must cover the data section exactly"
    return out, metadata


def tensor_json(t):
    t = t.detach().to(torch.float64)
    return {"shape": list(t.shape), "data": t.reshape(-1).tolist()}


def main():
    torch.set_num_threads(1)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Linear(6, 3))
    x32 = torch.randn(2, 4)  # float32 draws, so x is exact in both precisions
    sd32 = {k: v.detach().clone() for k, v in model.state_dict().items()}
    sd64 = {k: v.to(torch.float64) for k, v in sd32.items()}

    model64 = torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Linear(6, 3)).double()
    model64.load_state_dict(sd64)
    x = x32.to(torch.float64)
    with torch.no_grad():
        y = model64(x)
        assert torch.allclose(model(x32).double(), y, rtol=1e-5, atol=1e-6)

    os.makedirs(OUT_DIR, exist_ok=True)
    meta = {"format": "pt"}
    p32 = os.path.join(OUT_DIR, "torch-mlp.safetensors")
    p64 = os.path.join(OUT_DIR, "torch-mlp-f64.safetensors")
    write_safetensors(sd32, p32, meta)
    write_safetensors(sd64, p64, meta)

    for path, sd, dtype in ((p32, sd32, torch.float32), (p64, sd64, torch.float64)):
        back, m = read_safetensors(path)
        assert m == meta and set(back) == set(sd)
        for k in sd:
            assert back[k].dtype == dtype and torch.equal(back[k], sd[k]), (path, k)
        try:
            from safetensors.torch import load_file
        except ImportError:
            pass
        else:
            lib = load_file(path)
            assert all(torch.equal(lib[k], sd[k]) for k in sd)

    doc = {k: tensor_json(v) for k, v in sd64.items()}
    doc["x"] = tensor_json(x)
    doc["y"] = tensor_json(y)
    pj = os.path.join(OUT_DIR, "torch-mlp.json")
    with open(pj, "w") as f:
        f.write(json.dumps(doc, indent=1, allow_nan=False) + "\n")
    for p in (p32, p64, pj):
        print(f"wrote {p}: {os.path.getsize(p)} bytes")


if __name__ == "__main__":
    main()
