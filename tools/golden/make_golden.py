#!/usr/bin/env python3
"""Writes PyTorch reference cases for Eddy's recurrent layers (format pytorch-rnn-golden-v1).

Each case runs a torch.nn RNN / LSTM / GRU module or cell in float64 with a fixed seed,
records parameters, inputs, outputs and the gradients of a weighted-sum loss, and checks
them against an independent NumPy forward plus central finite differences.

  make_golden.py --out DIR [CASE ...]     catalogue cases (all when none are named)
  make_golden.py --list                   names and descriptions of the catalogue
  make_golden.py --verify DIR             regenerate every DIR/*.json from its own fields, compare
  make_golden.py --out DIR --name N --module LSTM --seed S [--proj-size 3 ...]   any other case

Numbers are bit-reproducible only under the BLAS kernels the reference set was made with:
the script re-executes itself with OpenBLAS' generic SSE3 kernels (OPENBLAS_CORETYPE=Prescott)
on one thread. Use Debian's python3 with python3-torch (1.13) and python3-numpy.
"""

import os
import sys

# OpenBLAS reads these when it is loaded, so they must be set before numpy or torch are imported.
REPRODUCIBLE_ENV = {"OPENBLAS_CORETYPE": "Prescott", "OPENBLAS_NUM_THREADS": "1",
                    "OMP_NUM_THREADS": "1"}
if any(os.environ.get(key) != value for key, value in REPRODUCIBLE_ENV.items()):
  os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, **REPRODUCIBLE_ENV})

import argparse
import glob
import json

import numpy as np
import torch

import cases
import numpy_reference
import torch_run

FORMAT = "pytorch-rnn-golden-v1"
GENERATOR = "tools/golden/make_golden.py"
FD_EPS = 1e-6
GATE_ORDER = {
    "LSTM": "i,f,g,o (input, forget, cell/candidate, output)",
    "GRU": "r,z,n (reset, update, new); b_hn inside the reset product",
    "RNN": "single gate",
}
INTERMEDIATES_NOTE = ("per time step (leading dim = seq_len for modules), computed by the numpy "
                      "reference implementation; see README for the names")


def array_json(value):
  """{"shape", "data"} with data flattened row-major; floats keep their exact repr."""
  value = np.asarray(value, dtype=np.float64)
  return {"shape": list(value.shape), "data": [float(v) for v in value.reshape(-1)]}


def config_json(case):
  if case.is_cell:
    config = {"input_size": case.input_size, "hidden_size": case.hidden_size, "bias": case.bias}
    if case.family == "RNN":
      config["nonlinearity"] = case.nonlinearity
    return config
  config = {"input_size": case.input_size, "hidden_size": case.hidden_size,
            "num_layers": case.num_layers, "bias": case.bias}
  if case.batch_first:  # absent means false, as in the original eight cases
    config["batch_first"] = True
  config.update(bidirectional=case.bidirectional, proj_size=case.proj_size,
                nonlinearity=case.nonlinearity if case.family == "RNN" else None)
  return config


def layout_json(case):
  if case.is_cell:
    state = "[batch, hidden_size]"
    return {"x": "[batch, input_size]", "h0": state, "c0": state, "h_1": state, "c_1": state}
  if case.batch_first:
    steps, order = "[batch, seq_len, ", "(batch-major, batch_first=True)"
  else:
    steps, order = "[seq_len, batch, ", "(time-major, batch_first=False)"
  return {
      "x": steps + "input_size] " + order,
      "h0": "[num_layers*num_directions, batch, proj_size if proj_size>0 else hidden_size]",
      "c0": "[num_layers*num_directions, batch, hidden_size]",
      "output": steps + "num_directions*(proj_size or hidden_size)]; last dim = [forward | reverse]",
      "h_n": "[num_layers*num_directions, batch, proj_size or hidden_size]; "
             "index = layer*num_directions + direction",
      "c_n": "[num_layers*num_directions, batch, hidden_size]",
  }


def has_intermediates(case):
  return case.is_cell or (case.num_layers == 1 and not case.bidirectional)


def numpy_view(case, run):
  """Float64 NumPy copies of the run, with x / output / w_output time-major for the reference."""
  def time_major(name, tensor):
    value = tensor.numpy().copy()
    if case.batch_first and name in ("x", "output", "w_output"):
      value = np.ascontiguousarray(value.swapaxes(0, 1))
    return value

  params = {k: time_major(k, v) for k, v in run.parameters.items()}
  inputs = {k: time_major(k, v) for k, v in run.inputs.items()}
  loss_weights = {k: time_major(k, v) for k, v in run.loss_weights.items()}
  outputs = {k: time_major(k, v) for k, v in run.outputs.items()}
  grads = {k: time_major(k, v) for k, v in {**run.parameter_grads, **run.input_grads}.items()}
  return params, inputs, loss_weights, outputs, grads


def checks_json(case, run):
  """Independent NumPy forward vs PyTorch, and finite differences of the NumPy loss."""
  params, inputs, loss_weights, torch_outputs, grads = numpy_view(case, run)
  outputs, intermediates = numpy_reference.forward(case, params, inputs)
  forward_diff = max(float(np.abs(outputs[k] - torch_outputs[k]).max()) for k in outputs)
  loss_diff = abs(float(numpy_reference.weighted_loss(outputs, loss_weights)) - run.loss_value)
  max_abs, max_rel = numpy_reference.finite_difference_errors(
      case, params, inputs, loss_weights, grads, FD_EPS)
  checks = {
      "numpy_forward_max_abs_diff": forward_diff,
      "numpy_loss_abs_diff": loss_diff,
      "finite_difference_eps": FD_EPS,
      "finite_difference_max_abs_err": float(max_abs),
      "finite_difference_max_rel_err": float(max_rel),
  }
  return checks, intermediates


def golden_json(case):
  """The complete document of one case, keys in the order of the format."""
  run = torch_run.run(case)
  checks, intermediates = checks_json(case, run)
  loss = " + ".join("sum(%s * w_%s)" % (name, name) for name in run.outputs)
  doc = {
      "format": FORMAT, "case": case.name, "description": case.description,
      "generator": GENERATOR, "torch_version": str(torch.__version__), "dtype": "float64",
      "seed": case.seed, "module": "torch.nn." + case.module,
      "config": config_json(case),
      "dims": {"batch": case.batch} if case.is_cell else {"seq_len": case.seq_len, "batch": case.batch},
      "layout": layout_json(case),
      "gate_order": GATE_ORDER[case.family],
      "loss": loss,
      "loss_value": run.loss_value,
      "parameter_order": list(run.parameters),
      "parameters": {k: array_json(v) for k, v in run.parameters.items()},
      "inputs": {k: array_json(v) for k, v in run.inputs.items()},
      "outputs": {k: array_json(v) for k, v in run.outputs.items()},
      "loss_weights": {k: array_json(v) for k, v in run.loss_weights.items()},
      "grads": {"parameters": {k: array_json(v) for k, v in run.parameter_grads.items()},
                "inputs": {k: array_json(v) for k, v in run.input_grads.items()}},
      "checks": checks,
  }
  if has_intermediates(case):
    doc["intermediates"] = {k: array_json(v) for k, v in intermediates.items()}
    doc["intermediates_note"] = INTERMEDIATES_NOTE
  return doc


def golden_text(case):
  return json.dumps(golden_json(case), indent=1)


def case_from_json(doc):
  """The Case a golden document describes, read from its own fields (any valid configuration)."""
  config, dims = doc["config"], doc["dims"]
  module = doc["module"].rsplit(".", 1)[-1]
  fields = dict(name=doc["case"], module=module, seed=doc["seed"], bias=config["bias"],
                batch=dims["batch"], input_size=config["input_size"],
                hidden_size=config["hidden_size"])
  if config.get("nonlinearity"):
    fields["nonlinearity"] = config["nonlinearity"]
  if module in cases.MODULES:
    fields.update(num_layers=config["num_layers"], bidirectional=config["bidirectional"],
                  batch_first=config.get("batch_first", False), proj_size=config["proj_size"],
                  seq_len=dims["seq_len"])
  return cases.Case(**fields)


def differences(expected, actual, path=""):
  """Paths where two parsed JSON values differ (floats compared exactly)."""
  if isinstance(expected, dict) and isinstance(actual, dict):
    found = []
    for key in list(expected) + [k for k in actual if k not in expected]:
      if key not in expected or key not in actual:
        found.append("%s/%s (only in %s)" % (path, key, "generated" if key in actual else "file"))
      else:
        found += differences(expected[key], actual[key], path + "/" + key)
    if not found and list(expected) != list(actual):
      found.append(path + " (key order)")
    return found
  if expected != actual or type(expected) is not type(actual):
    return [path or "/"]
  return []


def verify(directory):
  """Regenerates every golden file in `directory`; returns the number that differ."""
  failures = 0
  for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
    with open(path) as f:
      text = f.read()
    expected = json.loads(text)
    actual = golden_json(case_from_json(expected))
    diffs = [d for d in differences(expected, actual) if d != "/generator"]
    same_bytes = json.dumps({**actual, "generator": expected["generator"]}, indent=1) == text
    status = "identical" if not diffs and same_bytes else "DIFFERS"
    note = "" if actual["generator"] == expected["generator"] else \
        " (generator field: %r in file)" % expected["generator"]
    print("%-40s %s%s%s" % (os.path.basename(path), status,
                           "" if same_bytes or diffs else " in layout only", note))
    for d in diffs:
      print("    differs at " + d)
    failures += status != "identical"
  return failures


def custom_case(args):
  return cases.Case(args.name, args.module, args.seed, nonlinearity=args.nonlinearity,
                    bias=not args.no_bias, num_layers=args.num_layers,
                    bidirectional=args.bidirectional, batch_first=args.batch_first,
                    proj_size=args.proj_size, seq_len=args.seq_len, batch=args.batch,
                    input_size=args.input_size, hidden_size=args.hidden_size)


def parse_args(argv):
  parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
  parser.add_argument("cases", nargs="*", help="catalogue case names (default: all)")
  parser.add_argument("--out", help="directory to write <case>.json into")
  parser.add_argument("--list", action="store_true", help="list the catalogue")
  parser.add_argument("--verify", metavar="DIR", help="regenerate DIR/*.json and compare")
  custom = parser.add_argument_group("a case outside the catalogue (needs --name, --seed)")
  custom.add_argument("--module", choices=cases.MODULES + cases.CELLS)
  custom.add_argument("--name")
  custom.add_argument("--seed", type=int)
  custom.add_argument("--nonlinearity", choices=("tanh", "relu"), default="tanh")
  custom.add_argument("--no-bias", action="store_true")
  custom.add_argument("--num-layers", type=int, default=1)
  custom.add_argument("--bidirectional", action="store_true")
  custom.add_argument("--batch-first", action="store_true")
  custom.add_argument("--proj-size", type=int, default=0)
  custom.add_argument("--seq-len", type=int, default=5)
  custom.add_argument("--batch", type=int, default=3)
  custom.add_argument("--input-size", type=int, default=4)
  custom.add_argument("--hidden-size", type=int, default=6)
  args = parser.parse_args(argv)
  if args.module and (args.name is None or args.seed is None or args.cases):
    parser.error("--module needs --name and --seed, and no catalogue names")
  args.custom = None
  if args.module:
    try:
      args.custom = custom_case(args)
    except ValueError as e:
      parser.error(str(e))
  if not (args.list or args.verify or args.out):
    parser.error("give --out DIR, --verify DIR or --list")
  unknown = [name for name in args.cases if name not in cases.CATALOGUE]
  if unknown:
    parser.error("unknown case(s) %s; --list shows the catalogue" % ", ".join(unknown))
  return args


def main(argv):
  args = parse_args(argv)
  if args.list:
    for case in cases.CATALOGUE.values():
      print("%-40s seed %-4d %s" % (case.name, case.seed, case.description))
    return 0
  if args.verify:
    return 1 if verify(args.verify) else 0
  if args.custom:
    selected = [args.custom]
  else:
    selected = [cases.CATALOGUE[name] for name in args.cases or cases.CATALOGUE]
  os.makedirs(args.out, exist_ok=True)
  for case in selected:
    doc = golden_json(case)
    with open(os.path.join(args.out, case.name + ".json"), "w") as f:
      json.dump(doc, f, indent=1)
    checks = doc["checks"]
    print("%-40s fwd %.1e  fd abs %.1e  rel %.1e" % (
        case.name, checks["numpy_forward_max_abs_diff"],
        checks["finite_difference_max_abs_err"], checks["finite_difference_max_rel_err"]))
  return 0


if __name__ == "__main__":
  sys.exit(main(sys.argv[1:]))
