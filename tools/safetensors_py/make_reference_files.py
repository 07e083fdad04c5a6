#!/usr/bin/env python3
"""Writes the PyTorch side of Eddy's safetensors interop tests.

  make_reference_files.py [--out DIR]    write the files (default: Eddy's test resources)
  make_reference_files.py --verify       regenerate into a temporary folder, compare byte for byte

Files written to DIR (nn-recurrent/src/test/resources/safetensors/):
  pytorch_reference.safetensors  F32, F64, F16, BF16 tensors from PyTorch: an nn.LSTM's state_dict,
                                 random matrices, special values (signed zeros, infinities, NaNs
                                 with payloads, subnormals, extremes), a 0-d scalar, empty tensors,
                                 a non-ASCII name, and __metadata__
  pytorch_half_all.safetensors   every F16 and every BF16 bit pattern, [256, 256] each
  pytorch_int64.safetensors      an I64 tensor beside an F32 one (Eddy lists it, refuses to read it)
  eddy_expected.safetensors      the reference tensors as Eddy holds them after reading (F16/BF16
                                 converted to F32 by PyTorch), written by this writer: Eddy must
                                 write exactly these bytes
  expected.json                  per tensor: dtype, shape and the bits of each value after PyTorch's
                                 conversion to F32 (F16, BF16, F32) or F64, as hex; for the all-pattern
                                 tensors the SHA-256 of those F32 values' little-endian bytes instead;
                                 plus each file's metadata and tensor order

Use Debian's python3 with python3-torch (1.13).
"""

import argparse
import filecmp
import hashlib
import json
import os
import sys
import tempfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import safetensors_py  # noqa: E402

FORMAT = "eddy-safetensors-interop-v1"
GENERATOR = "tools/safetensors_py/make_reference_files.py"
DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "nn-recurrent", "src",
                           "test", "resources", "safetensors")
FILES = ["pytorch_reference.safetensors", "pytorch_half_all.safetensors", "pytorch_int64.safetensors",
         "eddy_expected.safetensors", "expected.json"]


def from_bits(bits, dtype):
  """A 16-bit float tensor with these raw bit patterns."""
  signed = [b - 0x10000 if b >= 0x8000 else b for b in bits]
  return torch.tensor(signed, dtype=torch.int16).view(dtype)


def reference_tensors():
  torch.manual_seed(2024)
  tensors = {}
  for name, value in torch.nn.LSTM(input_size=3, hidden_size=2).state_dict().items():
    tensors["lstm." + name] = value.detach().clone()
  tensors["matrix.f32"] = torch.randn(3, 4)
  tensors["matrix.f64"] = torch.randn(2, 3, dtype=torch.float64)
  tensors["specials.f32"] = torch.tensor(
      [0.0, -0.0, 1.0, -1.5, 0.1, float("inf"), float("-inf"), float("nan"), 1e-45, 1.1754942e-38,
       1.17549435e-38, 3.4028235e38], dtype=torch.float32)
  # NaNs with payloads, signaling and negative, built from their bits.
  tensors["nans.f32"] = torch.tensor([0x7FC00001, 0x7F800001, -0x00400001], dtype=torch.int32).view(torch.float32)
  tensors["specials.f64"] = torch.tensor(
      [0.0, -0.0, 0.1, float("inf"), float("-inf"), float("nan"), 5e-324, 2.2250738585072014e-308,
       1.7976931348623157e308], dtype=torch.float64)
  # F16: 1, -2, smallest and largest subnormal, smallest normal, largest finite, +-inf, -0,
  # quiet NaN, signaling NaN with payload, negative NaN.
  tensors["specials.f16"] = from_bits(
      [0x3C00, 0xC000, 0x0001, 0x03FF, 0x0400, 0x7BFF, 0x7C00, 0xFC00, 0x8000, 0x7E00, 0x7C01, 0xFE01],
      torch.float16).reshape(3, 4)
  # BF16: 1, -0.5, smallest subnormal, largest finite, -inf, quiet NaN with payload, signaling NaN.
  tensors["specials.bf16"] = from_bits([0x3F80, 0xBF00, 0x0001, 0x7F7F, 0xFF80, 0x7FC1, 0x7F81],
                                       torch.bfloat16)
  tensors["random.f16"] = torch.randn(2, 3).to(torch.float16)
  tensors["random.bf16"] = torch.randn(3, 2).to(torch.bfloat16)
  tensors["scalar"] = torch.tensor(3.25)
  tensors["empty"] = torch.zeros(0, 3)
  tensors["empty.f64"] = torch.zeros(2, 0, dtype=torch.float64)
  tensors["ünïcode.名前"] = torch.tensor([1.0, 2.0])
  return tensors


METADATA = {"framework": "pt", "torch_version": torch.__version__, "generator": GENERATOR,
            "note": "tab\tquote\" é ✓"}


def as_eddy_holds_it(tensor):
  """F16 and BF16 become F32 (PyTorch's conversion); F32 and F64 stay."""
  return tensor.float() if tensor.dtype in (torch.float16, torch.bfloat16) else tensor


def bits(tensor):
  t = as_eddy_holds_it(tensor).contiguous().reshape(-1)
  if t.dtype == torch.float64:
    return "f64_bits", ["%016x" % (b & 0xFFFFFFFFFFFFFFFF) for b in t.view(torch.int64).tolist()]
  return "f32_bits", ["%08x" % (b & 0xFFFFFFFF) for b in t.view(torch.int32).tolist()]


def describe(tensors, metadata, digest=False):
  described = {}
  for name, tensor in tensors.items():
    entry = {"dtype": safetensors_py.NAMES[tensor.dtype], "shape": list(tensor.shape)}
    if digest:
      entry["f32_sha256"] = hashlib.sha256(safetensors_py.tensor_bytes(tensor.float())).hexdigest()
    elif tensor.is_floating_point():
      key, values = bits(tensor)
      entry[key] = values
    described[name] = entry
  order = list(safetensors_py.parse(safetensors_py.serialize(tensors, metadata))[0])
  return {"metadata": metadata or {}, "order": order, "tensors": described}


def write_all(out):
  os.makedirs(out, exist_ok=True)
  reference = reference_tensors()
  half_all = {"f16_all": from_bits(range(0x10000), torch.float16).reshape(256, 256),
              "bf16_all": from_bits(range(0x10000), torch.bfloat16).reshape(256, 256)}
  int64 = {"steps": torch.tensor([3, -1], dtype=torch.int64), "weight": torch.ones(2)}
  files = {
      "pytorch_reference.safetensors": (reference, METADATA),
      "pytorch_half_all.safetensors": (half_all, None),
      "pytorch_int64.safetensors": (int64, None),
      "eddy_expected.safetensors": ({k: as_eddy_holds_it(v) for k, v in reference.items()}, METADATA),
  }
  for name, (tensors, metadata) in files.items():
    safetensors_py.save(os.path.join(out, name), tensors, metadata)
    loaded, loaded_metadata = safetensors_py.load(os.path.join(out, name))
    assert loaded_metadata == (metadata or {}), name
    for key, tensor in tensors.items():
      assert safetensors_py.tensor_bytes(loaded[key]) == safetensors_py.tensor_bytes(tensor), (name, key)
  expected = {
      "format": FORMAT, "generator": GENERATOR, "torch_version": torch.__version__,
      "files": {
          "pytorch_reference.safetensors": describe(reference, METADATA),
          "pytorch_half_all.safetensors": describe(half_all, None, digest=True),
          "pytorch_int64.safetensors": describe(int64, None),
      },
  }
  with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f, indent=1, ensure_ascii=False)
    f.write("\n")


def main():
  parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  parser.add_argument("--out", default=DEFAULT_OUT)
  parser.add_argument("--verify", action="store_true", help="regenerate and compare with --out")
  args = parser.parse_args()
  if not args.verify:
    write_all(args.out)
    print("wrote", ", ".join(FILES), "to", os.path.normpath(args.out))
    return 0
  with tempfile.TemporaryDirectory() as tmp:
    write_all(tmp)
    _, mismatch, errors = filecmp.cmpfiles(args.out, tmp, FILES, shallow=False)
    for name in mismatch + errors:
      print("differs:", name)
    print("verify:", "OK" if not mismatch and not errors else "FAILED")
    return 1 if mismatch or errors else 0


if __name__ == "__main__":
  sys.exit(main())
