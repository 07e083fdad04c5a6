#!/usr/bin/env bash
# Eddy's GEMM side by side with OpenBLAS (numpy and torch.mm), back to back on this machine.
#
#   bench/compare_gemm.sh [--threads "1 2"] [--dtype f32] [--trans NN] [--seconds 1] [--shape MxNxK ...]
#
# For each thread count, runs `eddy bench gemm` over the shapes, then OpenBLAS over the same shapes
# (OPENBLAS_CORETYPE=SkylakeX: Debian's OpenBLAS 0.3.21 does not recognise newer CPUs and would
# fall back to a generic kernel), then prints a Markdown table. Raw JSON lines go to
# bench/out/gemm-<timestamp>.jsonl.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="1 2"
dtype=f32
trans=NN
seconds=1
shapes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --dtype) dtype="$2"; shift 2 ;;
    --trans) trans="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --shape) shapes+=("$2"); shift 2 ;;
    *) echo "compare_gemm: unknown argument '$1' (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
if [ ${#shapes[@]} -eq 0 ]; then
  shapes=(128x128x128 256x256x256 512x512x512 1024x1024x1024 2048x2048x2048
          32x1024x256 64x2048x512 32x512x512 32x512x128 32x2048x512)
fi
shape_args=()
for s in "${shapes[@]}"; do shape_args+=(--shape "$s"); done

# Debian's python has the numpy and torch that link OpenBLAS; a python on PATH may not.
python=/usr/bin/python3
[ -x "$python" ] || python=python3
if ! "$python" -c "import numpy" 2>/dev/null; then
  echo "compare_gemm: needs numpy linked to OpenBLAS: apt-get install -y python3-numpy python3-torch libopenblas0-pthread" >&2
  exit 1
fi
libs=numpy
"$python" -c "import torch" 2>/dev/null && libs=numpy,torch

mkdir -p "$root/bench/out"
out="$root/bench/out/gemm-$(date +%Y%m%d-%H%M%S).jsonl"
for t in $threads; do
  echo "compare_gemm: eddy, $t thread(s)" >&2
  "$root/eddy" bench gemm --dtype "$dtype" --trans "$trans" --threads "$t" --seconds "$seconds" \
    "${shape_args[@]}" 2>/dev/null | sed 's/"op":"gemm"/"op":"gemm","lib":"eddy"/' >> "$out"
  # One process per library, so one library's thread settings cannot change the other's.
  for lib in ${libs//,/ }; do
    echo "compare_gemm: OpenBLAS through $lib, $t thread(s)" >&2
    OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS="$t" OMP_NUM_THREADS="$t" OMP_WAIT_POLICY=PASSIVE \
      "$python" "$root/bench/gemm_openblas.py" --dtype "$dtype" --trans "$trans" --threads "$t" \
      --time-box "$seconds" --libs "$lib" "${shape_args[@]}" >> "$out"
  done
done
echo "compare_gemm: raw results in $out" >&2
"$python" - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
res = {}
for r in rows:
  res[(r["m"], r["n"], r["k"], r["threads"], r["lib"])] = r["gflops"]
shapes = list(dict.fromkeys((r["m"], r["n"], r["k"]) for r in rows))
threads = sorted({r["threads"] for r in rows})
libs = [l for l in ("numpy", "torch") if any(r["lib"] == l for r in rows)]
head = "| M×N×K (" + rows[0]["dtype"] + ", " + rows[0]["trans"] + ") |"
sep = "|---|"
for t in threads:
  head += f" Eddy {t}T |" + "".join(f" {l} {t}T |" for l in libs) + f" Eddy/OpenBLAS {t}T |"
  sep += "---:|" * (2 + len(libs))
if len(threads) > 1:
  head += f" Eddy speed-up {threads[-1]}T/{threads[0]}T |"
  sep += "---:|"
print(head)
print(sep)
for (m, n, k) in shapes:
  line = f"| {m}×{n}×{k} |"
  for t in threads:
    e = res.get((m, n, k, t, "eddy"))
    blas = [res.get((m, n, k, t, l)) for l in libs]
    best = max((b for b in blas if b), default=None)
    line += f" {e:.1f} |" if e else " – |"
    line += "".join(f" {b:.1f} |" if b else " – |" for b in blas)
    line += f" {e / best:.2f} |" if e and best else " – |"
  if len(threads) > 1:
    e1, e2 = res.get((m, n, k, threads[0], "eddy")), res.get((m, n, k, threads[-1], "eddy"))
    line += f" {e2 / e1:.2f} |" if e1 and e2 else " – |"
  print(line)
PY
