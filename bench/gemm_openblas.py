#!/usr/bin/env python3
"""Measures OpenBLAS sgemm/dgemm through numpy (and torch.mm) with the JSON lines of `eddy bench gemm`.

Run it with the environment OpenBLAS needs on this kind of machine, e.g.
  OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE \
    python3 bench/gemm_openblas.py --threads 1 --shape 32x1024x256
Shapes are MxNxK: C[M,N] = A[M,K] @ B[K,N]. One JSON line per shape and library.
"""
import argparse
import json
import os
import statistics
import sys
import time

DEFAULT_SHAPES = [
    "128x128x128", "256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048",
    "32x1024x256", "64x2048x512", "32x512x512", "32x512x128", "32x2048x512",
]


def parse_shape(text):
  parts = text.lower().split("x")
  if len(parts) != 3 or not all(p.isdigit() and int(p) > 0 for p in parts):
    raise argparse.ArgumentTypeError(f"shape must be MxNxK with positive integers, got '{text}'")
  return tuple(int(p) for p in parts)


def measure(fn, warmup, iters, time_box):
  for _ in range(warmup):
    fn()
  samples = []
  deadline = time.perf_counter() + time_box
  while len(samples) < iters or (len(samples) < 3 * iters and time.perf_counter() < deadline):
    t0 = time.perf_counter()
    fn()
    samples.append(time.perf_counter() - t0)
    if len(samples) >= iters and time.perf_counter() >= deadline:
      break
  return statistics.median(samples)


def main():
  ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
  ap.add_argument("--dtype", choices=["f32", "f64"], default="f32")
  ap.add_argument("--threads", type=int, default=1)
  ap.add_argument("--shape", type=parse_shape, action="append")
  ap.add_argument("--iters", type=int, default=20, help="at least this many timed runs per shape")
  ap.add_argument("--warmup", type=int, default=5)
  ap.add_argument("--time-box", type=float, default=1.0, help="seconds of timed runs per shape")
  ap.add_argument("--trans", default="NN", help="NN, NT, TN or TT: A and/or B stored transposed")
  ap.add_argument("--libs", default="numpy,torch", help="comma-separated: numpy, torch")
  args = ap.parse_args()
  if args.threads < 1:
    ap.error(f"--threads must be at least 1, got {args.threads}")
  trans = args.trans.upper()
  if len(trans) != 2 or any(t not in "NT" for t in trans):
    ap.error(f"--trans must be NN, NT, TN or TT, got '{args.trans}'")
  shapes = args.shape or [parse_shape(s) for s in DEFAULT_SHAPES]
  if os.environ.get("OPENBLAS_CORETYPE") is None:
    print("gemm_openblas: warning: OPENBLAS_CORETYPE is not set; OpenBLAS may fall back to a "
          "generic kernel", file=sys.stderr)

  import numpy as np
  libs = [l for l in args.libs.split(",") if l]
  torch = None
  if "torch" in libs:
    # torch sets OpenBLAS's threads its own way: compare_gemm.sh runs each library in its own process.
    import torch
    torch.set_num_threads(args.threads)
  np_dtype = np.float32 if args.dtype == "f32" else np.float64
  rng = np.random.default_rng(1)
  for (m, n, k) in shapes:
    # A transposed is stored k x m and used through a view, so BLAS gets the transpose flag.
    a = rng.standard_normal((k, m)).astype(np_dtype).T if trans[0] == "T" else \
        rng.standard_normal((m, k)).astype(np_dtype)
    b = rng.standard_normal((n, k)).astype(np_dtype).T if trans[1] == "T" else \
        rng.standard_normal((k, n)).astype(np_dtype)
    c = np.empty((m, n), dtype=np_dtype)
    for lib in libs:
      if lib == "numpy":
        fn = lambda: np.matmul(a, b, out=c)
      elif lib == "torch":
        ta, tb, tc = torch.from_numpy(a), torch.from_numpy(b), torch.from_numpy(c)
        fn = lambda: torch.mm(ta, tb, out=tc)
      else:
        ap.error(f"--libs: unknown library '{lib}'")
      sec = measure(fn, args.warmup, args.iters, args.time_box)
      print(json.dumps({"op": "gemm", "lib": lib, "dtype": args.dtype, "trans": trans, "m": m, "n": n, "k": k,
                        "threads": args.threads, "ms_median": round(sec * 1e3, 4),
                        "gflops": round(2.0 * m * n * k / sec / 1e9, 2)}), flush=True)


if __name__ == "__main__":
  main()
