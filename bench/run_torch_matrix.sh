#!/usr/bin/env bash
# Runs rnn_torch.py over rnn_configs.txt x {lstm, gru, rnn} x {train, infer} for each thread
# count (1 first, then 2), printing one JSON line per run to stdout.
#   bench/run_torch_matrix.sh [THREADS...]        default: 1 2
# Environment: PYTHON (default /usr/bin/python3, Debian's, which has python3-torch),
# ITERS (timed steps per run, default 10), CONFIGS (default: rnn_configs.txt beside this script).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-/usr/bin/python3}"
iters="${ITERS:-10}"
configs="${CONFIGS:-$here/rnn_configs.txt}"
threads_list=("$@")
[ ${#threads_list[@]} -gt 0 ] || threads_list=(1 2)

for threads in "${threads_list[@]}"; do
  grep -v '^\s*\(#\|$\)' "$configs" | while read -r batch seq input hidden layers bidir; do
    for cell in lstm gru rnn; do
      for mode in train infer; do
        extra=()
        [ "$bidir" = 1 ] && extra+=(--bidirectional)
        "$python" "$here/rnn_torch.py" --cell "$cell" --batch "$batch" --seq "$seq" \
          --input "$input" --hidden "$hidden" --layers "$layers" "${extra[@]}" \
          --threads "$threads" --mode "$mode" --iters "$iters" </dev/null
      done
    done
  done
done
