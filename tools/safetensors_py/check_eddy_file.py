#!/usr/bin/env python3
"""Loads a safetensors file written by Eddy into PyTorch and compares it with the PyTorch originals.

  check_eddy_file.py [FILE]

FILE defaults to nn-recurrent/target/safetensors-interop/eddy_written.safetensors, which Eddy's
test SafeTensorsPyTorchTest writes on every run: the tensors of pytorch_reference.safetensors as
Eddy read them, written back by Eddy. Every tensor must load in PyTorch with the original's name,
shape and values, bit for bit (F16 and BF16 originals compared after PyTorch's conversion to F32),
with the original metadata; and the file must be byte-identical to what this folder's writer
produces for the same tensors. Exit status 0 when all holds. Run it manually after the tests:

  ./mvnw -B -q -pl nn-recurrent -am test -Dtest=SafeTensorsPyTorchTest -Dsurefire.failIfNoSpecifiedTests=false
  python3 tools/safetensors_py/check_eddy_file.py
"""

import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import safetensors_py  # noqa: E402
from make_reference_files import as_eddy_holds_it  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
RESOURCES = os.path.join(ROOT, "nn-recurrent", "src", "test", "resources", "safetensors")
DEFAULT_FILE = os.path.join(ROOT, "nn-recurrent", "target", "safetensors-interop", "eddy_written.safetensors")


def main():
  path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_FILE
  originals, original_metadata = safetensors_py.load(os.path.join(RESOURCES, "pytorch_reference.safetensors"))
  with open(path, "rb") as f:
    raw = f.read()
  loaded, metadata = safetensors_py.parse(raw)
  problems = []
  if metadata != original_metadata:
    problems.append(f"metadata {metadata} != {original_metadata}")
  if set(loaded) != set(originals):
    problems.append(f"names differ: {sorted(set(loaded) ^ set(originals))}")
  for name, original in originals.items():
    if name not in loaded:
      continue
    want = as_eddy_holds_it(original)
    got = loaded[name]
    if got.dtype != want.dtype or got.shape != want.shape:
      problems.append(f"{name}: {got.dtype} {list(got.shape)}, expected {want.dtype} {list(want.shape)}")
    elif safetensors_py.tensor_bytes(got) != safetensors_py.tensor_bytes(want):
      problems.append(f"{name}: values differ")
    else:
      print(f"ok  {name:24} {str(got.dtype):15} {list(got.shape)}")
  expected_bytes = safetensors_py.serialize({k: as_eddy_holds_it(v) for k, v in originals.items()},
                                            original_metadata)
  if raw != expected_bytes:
    problems.append("the file's bytes differ from what safetensors_py writes for the same tensors")
  for p in problems:
    print("FAIL", p)
  print(f"{path}: {len(loaded)} tensors,", "all match" if not problems else f"{len(problems)} problems")
  return 1 if problems else 0


if __name__ == "__main__":
  sys.exit(main())
