#!/usr/bin/env python3
"""PyTorch side of the recurrent benchmark: time one nn.LSTM / nn.GRU / nn.RNN (tanh) step.

  rnn_torch.py --cell lstm|gru|rnn --batch B --seq T --input I --hidden H --layers L
               [--bidirectional] --threads N --mode train|infer [--iters K] [--dtype f32|f64]

train: forward over the whole time-major [T, B, I] input (random normal, fixed seed),
loss = (y*y).mean() (MSE of the full output against zeros), backward(), SGD(lr=0.01).step(),
zero_grad(). infer: forward under torch.no_grad(). 3 warm-up steps, then K timed steps
(K >= 10). Prints one JSON line; tokens_per_s = batch*seq / median seconds; peak_rss_mb is
the process' maximum resident set size.

OpenBLAS and OpenMP read their settings when loaded, so the script re-executes itself with
OPENBLAS_CORETYPE=SkylakeX (Debian's OpenBLAS 0.3.21 does not know recent CPUs and would
otherwise fall back to slow generic kernels), OMP_WAIT_POLICY=PASSIVE (spinning OpenMP
threads starve OpenBLAS' own on 2 cores), OPENBLAS_NUM_THREADS=N and OMP_NUM_THREADS=N.
Use Debian's python3 with python3-torch.
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time

WARMUP_STEPS = 3
SEED = 1234


def parse_args(argv):
  parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
  parser.add_argument("--cell", choices=("lstm", "gru", "rnn"), required=True)
  parser.add_argument("--batch", type=int, required=True)
  parser.add_argument("--seq", type=int, required=True)
  parser.add_argument("--input", type=int, required=True)
  parser.add_argument("--hidden", type=int, required=True)
  parser.add_argument("--layers", type=int, default=1)
  parser.add_argument("--bidirectional", action="store_true")
  parser.add_argument("--threads", type=int, required=True)
  parser.add_argument("--mode", choices=("train", "infer"), required=True)
  parser.add_argument("--iters", type=int, default=10, help="timed steps, at least 10 (default 10)")
  parser.add_argument("--dtype", choices=("f32", "f64"), default="f32")
  args = parser.parse_args(argv)
  for name in ("batch", "seq", "input", "hidden", "layers", "threads"):
    if getattr(args, name) < 1:
      parser.error("--%s must be >= 1, got %d" % (name, getattr(args, name)))
  if args.iters < 10:
    parser.error("--iters must be >= 10 (the median of fewer steps is too noisy), got %d" % args.iters)
  return args


def reexec_with_thread_env(threads):
  """Restarts the interpreter with the BLAS / OpenMP environment unless it is already set."""
  wanted = {"OPENBLAS_CORETYPE": "SkylakeX", "OMP_WAIT_POLICY": "PASSIVE",
            "OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads)}
  if any(os.environ.get(key) != value for key, value in wanted.items()):
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, **wanted})


def loaded_blas():
  """The BLAS library file this process has loaded (from /proc/self/maps), or "unknown"."""
  try:
    with open("/proc/self/maps") as maps:
      names = {line.split()[-1] for line in maps if "blas" in line.lower()}
  except OSError:
    return "unknown"
  names = sorted(n for n in names if n.startswith("/"))
  return ",".join(names) if names else "unknown"


def build(torch, args):
  cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[args.cell]
  return cls(args.input, args.hidden, num_layers=args.layers, bidirectional=args.bidirectional)


def time_steps(step, count):
  """Runs `step` count times and returns the wall time of each run in seconds."""
  times = []
  for _ in range(count):
    start = time.perf_counter()
    step()
    times.append(time.perf_counter() - start)
  return times


def main(argv):
  args = parse_args(argv)
  reexec_with_thread_env(args.threads)
  import torch  # after the environment is final

  torch.set_num_threads(args.threads)
  torch.randn(2, 2) @ torch.randn(2, 2)  # loads the BLAS, so the check below sees it
  blas = loaded_blas()
  if "openblas" not in blas:
    print("rnn_torch: warning: PyTorch is not using OpenBLAS (loaded: %s); its times are not a fair "
          "anchor. apt-get install libopenblas0-pthread" % blas, file=sys.stderr)
  torch.set_default_dtype(torch.float32 if args.dtype == "f32" else torch.float64)
  torch.manual_seed(SEED)
  module = build(torch, args)
  x = torch.randn(args.seq, args.batch, args.input)

  if args.mode == "train":
    optimizer = torch.optim.SGD(module.parameters(), lr=0.01)

    def step():
      y, _ = module(x)
      loss = (y * y).mean()
      loss.backward()
      optimizer.step()
      optimizer.zero_grad()
  else:
    def step():
      with torch.no_grad():
        module(x)

  time_steps(step, WARMUP_STEPS)
  times = time_steps(step, args.iters)
  median = statistics.median(times)
  print(json.dumps({
      "cell": args.cell, "batch": args.batch, "seq": args.seq, "input": args.input,
      "hidden": args.hidden, "layers": args.layers, "bidirectional": args.bidirectional,
      "threads": args.threads, "mode": args.mode,
      "ms_median": round(median * 1e3, 3), "ms_min": round(min(times) * 1e3, 3),
      "tokens_per_s": round(args.batch * args.seq / median, 1),
      "impl": "pytorch", "torch": str(torch.__version__),
      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
      "dtype": args.dtype, "iters": args.iters, "blas": blas,
  }), flush=True)
  return 0


if __name__ == "__main__":
  sys.exit(main(sys.argv[1:]))
