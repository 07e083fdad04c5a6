"""A small pure-Python reader and writer of the safetensors format, on struct + json + torch.

The `safetensors` package is not installable here (no PyPI, no Debian package), so this module
implements the format from its specification (https://github.com/huggingface/safetensors):

  8 bytes   N, the header length, unsigned little-endian
  N bytes   UTF-8 JSON: {"__metadata__": {str: str}?, NAME: {"dtype", "shape", "data_offsets"}...},
            padded with spaces to a multiple of 8
  the rest  the data area: each tensor little-endian, row-major, at [begin, end) of data_offsets

The writer lays files out as the reference writer does: tensors sorted by its dtype order, highest
first (so F64 before F32 before BF16 before F16), then by name in UTF-8 byte order; a compact header
with __metadata__ first (keys sorted the same way). The reader checks what the reference checks
(header size, exact tiling of the data area, byte counts) and raises ValueError otherwise.
"""

import json
import struct
import sys

import torch

if sys.byteorder != "little":
  raise ImportError("safetensors_py assumes a little-endian machine")

# safetensors dtype name -> torch dtype (the ones torch 1.13 has).
TORCH_DTYPES = {
    "BOOL": torch.bool, "U8": torch.uint8, "I8": torch.int8, "I16": torch.int16,
    "I32": torch.int32, "I64": torch.int64, "F16": torch.float16, "BF16": torch.bfloat16,
    "F32": torch.float32, "F64": torch.float64,
}
NAMES = {dtype: name for name, dtype in TORCH_DTYPES.items()}
# The reference implementation's Dtype enum order; its writer stores higher ones first.
REFERENCE_ORDER = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32",
                   "U32", "F32", "F64", "I64", "U64"]
MAX_HEADER_BYTES = 100_000_000
# Same-size integer types, to get at the raw bytes of any tensor through numpy.
RAW_VIEW = {1: torch.uint8, 2: torch.int16, 4: torch.int32, 8: torch.int64}


def utf8(name):
  return name.encode("utf-8")


def tensor_bytes(tensor):
  """The tensor's elements, row-major, little-endian."""
  t = tensor.detach().cpu().contiguous()
  if t.dtype == torch.bool:
    t = t.to(torch.uint8)
  return t.view(RAW_VIEW[t.element_size()]).numpy().tobytes()


def serialize(tensors, metadata=None):
  """The bytes of a safetensors file holding `tensors` (name -> torch.Tensor) and `metadata`."""
  items = sorted(tensors.items(),
                 key=lambda item: (-REFERENCE_ORDER.index(NAMES[item[1].dtype]), utf8(item[0])))
  header = {}
  if metadata:
    header["__metadata__"] = dict(sorted(metadata.items(), key=lambda item: utf8(item[0])))
  blobs = []
  offset = 0
  for name, tensor in items:
    blob = tensor_bytes(tensor)
    header[name] = {"dtype": NAMES[tensor.dtype], "shape": list(tensor.shape),
                    "data_offsets": [offset, offset + len(blob)]}
    blobs.append(blob)
    offset += len(blob)
  text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
  text += b" " * (-len(text) % 8)
  return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def save(path, tensors, metadata=None):
  with open(path, "wb") as f:
    f.write(serialize(tensors, metadata))


def parse(raw):
  """(tensors in data order, metadata) from the bytes of a safetensors file."""
  if len(raw) < 8:
    raise ValueError(f"{len(raw)} bytes: too short for the header length")
  (n,) = struct.unpack_from("<Q", raw, 0)
  if n > MAX_HEADER_BYTES or 8 + n > len(raw):
    raise ValueError(f"header length {n} is too large for a {len(raw)}-byte file")
  header = json.loads(raw[8:8 + n].decode("utf-8"))
  metadata = header.pop("__metadata__", {})
  if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
    raise ValueError("__metadata__ must map strings to strings")
  data = raw[8 + n:]
  tensors = {}
  expected_begin = 0
  for name, info in sorted(header.items(), key=lambda item: tuple(item[1]["data_offsets"])):
    if set(info) != {"dtype", "shape", "data_offsets"}:
      raise ValueError(f"tensor {name!r}: keys {sorted(info)}")
    begin, end = info["data_offsets"]
    dtype = TORCH_DTYPES[info["dtype"]]
    shape = info["shape"]
    numel = 1
    for d in shape:
      numel *= d
    itemsize = torch.empty((), dtype=dtype).element_size()
    if begin != expected_begin or end - begin != numel * itemsize:
      raise ValueError(f"tensor {name!r}: data_offsets {info['data_offsets']} do not fit")
    expected_begin = end
    if numel == 0:
      tensors[name] = torch.empty(shape, dtype=dtype)
      continue
    raw_view = torch.frombuffer(bytearray(data[begin:end]), dtype=RAW_VIEW[itemsize])
    tensors[name] = raw_view.view(torch.uint8 if dtype == torch.bool else dtype).reshape(shape).to(dtype)
  if expected_begin != len(data):
    raise ValueError(f"the tensors cover {expected_begin} of {len(data)} data bytes")
  return tensors, metadata


def load(path):
  with open(path, "rb") as f:
    return parse(f.read())
