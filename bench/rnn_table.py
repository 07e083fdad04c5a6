#!/usr/bin/env python3
"""Prints the Markdown table of Eddy vs PyTorch from the JSON lines of compare_rnn.sh.

  rnn_table.py RESULTS.jsonl [MORE.jsonl ...]

Lines with "impl": "pytorch" are PyTorch's, the others Eddy's (`eddy bench rnn`). Rows are
(configuration, cell, mode), columns one block per thread count: Eddy's median, PyTorch's median
(ms per step) and the ratio Eddy / PyTorch. A later line for the same run replaces an earlier one.
Then, for train steps, Eddy's peak heap beside PyTorch's peak resident memory (1 thread).
"""

import json
import sys


def key(r):
  return (r["batch"], r["seq"], r["input"], r["hidden"], r["layers"], r["bidirectional"], r["cell"], r["mode"])


def label(k):
  batch, seq, inp, hidden, layers, bi, cell, mode = k
  extra = (", %d layers" % layers if layers > 1 else "") + (", bidir" if bi else "")
  return "%d,%d,%d,%d%s" % (batch, seq, inp, hidden, extra), cell, mode


def main(paths):
  rows = []
  for path in paths:
    with open(path) as f:
      rows += [json.loads(line) for line in f if line.startswith("{")]
  res = {}
  for r in rows:
    lib = "torch" if r.get("impl") == "pytorch" else "eddy"
    res[(key(r), r["threads"], lib)] = r
  keys = list(dict.fromkeys(key(r) for r in rows))
  threads = sorted({r["threads"] for r in rows})
  head = "| B,T,I,H | cell | mode |"
  sep = "|---|---|---|"
  for t in threads:
    head += " Eddy %dT ms | PyTorch %dT ms | ratio %dT |" % (t, t, t)
    sep += "---:|---:|---:|"
  print(head)
  print(sep)
  for k in keys:
    line = "| %s | %s | %s |" % label(k)
    for t in threads:
      e, p = res.get((k, t, "eddy")), res.get((k, t, "torch"))
      line += (" %.1f |" % e["ms_median"]) if e else " – |"
      line += (" %.1f |" % p["ms_median"]) if p else " – |"
      if e and p:
        ratio = e["ms_median"] / p["ms_median"]
        line += (" **%.2f** |" % ratio) if ratio > 1 else (" %.2f |" % ratio)
      else:
        line += " – |"
    print(line)
  mem = [k for k in keys if k[-1] == "train"]
  t = threads[0] if threads else None
  if mem and any((k, t, "eddy") in res and "peak_heap_mb" in res[(k, t, "eddy")] for k in mem):
    print()
    print("| B,T,I,H | cell | Eddy peak heap MB (train, %dT) | PyTorch peak RSS MB (train, %dT) |" % (t, t))
    print("|---|---|---:|---:|")
    for k in mem:
      e, p = res.get((k, t, "eddy")), res.get((k, t, "torch"))
      cfg, cell, _ = label(k)
      print("| %s | %s | %s | %s |" % (cfg, cell, "%.0f" % e["peak_heap_mb"] if e else "–",
                                      "%.0f" % p["peak_rss_mb"] if p else "–"))


if __name__ == "__main__":
  if len(sys.argv) < 2:
    sys.exit(__doc__)
  main(sys.argv[1:])
