#!/usr/bin/env bash
# Eddy's recurrent layers side by side with PyTorch's, back to back on this machine.
#
#   bench/compare_rnn.sh [--quick] [--threads "1 2"] [--cells "lstm gru rnn"] [--modes "train infer"]
#                        [--iters 10] [--impl fused|composed] [--configs FILE]
#
# For each thread count, configuration (bench/rnn_configs.txt: batch seq input hidden layers
# bidirectional), cell and mode, runs `eddy bench rnn`, then bench/rnn_torch.py with the same
# arguments, one process each, and prints a Markdown table: both medians (ms per step), the ratio
# Eddy / PyTorch (below 1: Eddy is faster) and, for train, Eddy's peak heap beside PyTorch's peak
# resident memory. --quick runs the two smallest configurations on one thread only. Raw JSON lines
# go to bench/out/rnn-<timestamp>.jsonl. Needs Debian's python3 with python3-torch (see bench/README.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
threads="1 2"
cells="lstm gru rnn"
modes="train infer"
iters=10
impl=fused
configs="$root/bench/rnn_configs.txt"
quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --threads) threads="$2"; shift 2 ;;
    --cells) cells="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    --iters) iters="$2"; shift 2 ;;
    --impl) impl="$2"; shift 2 ;;
    --configs) configs="$2"; shift 2 ;;
    *) echo "compare_rnn: unknown argument '$1' (see the comment at the top of $0)" >&2; exit 2 ;;
  esac
done
config_lines="$(grep -v '^\s*\(#\|$\)' "$configs")"
if [ "$quick" = 1 ]; then
  threads=1
  config_lines="$(echo "$config_lines" | head -n 2)"
fi

python=/usr/bin/python3
[ -x "$python" ] || python=python3
if ! "$python" -c "import torch" 2>/dev/null; then
  echo "compare_rnn: needs PyTorch: apt-get install -y python3-torch python3-numpy libopenblas0-pthread" >&2
  exit 1
fi

mkdir -p "$root/bench/out"
out="$root/bench/out/rnn-$(date +%Y%m%d-%H%M%S).jsonl"
echo "compare_rnn: $(uptime)" >&2
for t in $threads; do
  while read -r batch seq input hidden layers bidir; do
    for cell in $cells; do
      for mode in $modes; do
        args=(--cell "$cell" --batch "$batch" --seq "$seq" --input "$input" --hidden "$hidden" --layers "$layers"
              --threads "$t" --mode "$mode" --iters "$iters")
        [ "$bidir" = 1 ] && args+=(--bidirectional)
        echo "compare_rnn: ${args[*]}" >&2
        "$root/eddy" bench rnn "${args[@]}" --impl "$impl" 2>/dev/null </dev/null | grep '^{' >> "$out"
        "$python" "$root/bench/rnn_torch.py" "${args[@]}" </dev/null >> "$out"
      done
    done
  done <<< "$config_lines"
done
echo "compare_rnn: $(uptime)" >&2
echo "compare_rnn: raw results in $out" >&2
"$python" "$root/bench/rnn_table.py" "$out"
