#!/usr/bin/env python3
"""Writes PyTorch reference numbers for Eddy's optimizers, learning-rate schedules and gradient
clipping (format pytorch-optim-reference-v1), read by the tests of dev.eddy.optim.

  make_optim_reference.py OUT.json

Every number is float64. Optimizer cases run a few steps of torch.optim on two tiny parameters
with seeded random gradients (one step leaves a parameter without a gradient, which the optimizer
must skip); each step records the learning rate set before it, the gradients (null for none)
and the parameters after it, and the case ends with the optimizer's state per parameter.
Schedule cases record the learning rate after construction and after each scheduler step.
Clipping cases record the total norm clip_grad_norm_ returns and the gradients it leaves.

Use Debian's python3 with python3-torch (1.13).
"""

import json
import math
import sys
import warnings

import torch

FORMAT = "pytorch-optim-reference-v1"
GENERATOR = "tools/optim/make_optim_reference.py"
STEPS = 5
SKIPPED_STEP = 2   # at this step (0-based) parameter "b" gets no gradient
SHAPES = {"w": [3, 2], "b": [4]}

OPTIMIZERS = [
    ("sgd", "SGD", {"lr": 0.1}),
    ("sgd_momentum", "SGD", {"lr": 0.1, "momentum": 0.9}),
    ("sgd_dampening_weight_decay", "SGD", {"lr": 0.05, "momentum": 0.8, "dampening": 0.3, "weight_decay": 0.1}),
    ("sgd_nesterov", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01}),
    ("adam", "Adam", {}),
    ("adam_options", "Adam", {"lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-6, "weight_decay": 0.1}),
    ("adam_amsgrad", "Adam", {"lr": 0.02, "amsgrad": True}),
    ("adamw", "AdamW", {}),
    ("adamw_amsgrad", "AdamW", {"lr": 0.02, "betas": [0.85, 0.98], "weight_decay": 0.1, "amsgrad": True}),
    ("rmsprop", "RMSprop", {}),
    ("rmsprop_momentum", "RMSprop", {"lr": 0.005, "alpha": 0.9, "momentum": 0.5, "eps": 1e-6}),
    ("rmsprop_centered", "RMSprop", {"lr": 0.01, "centered": True, "weight_decay": 0.05}),
    ("rmsprop_centered_momentum", "RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.7}),
    ("adagrad", "Adagrad", {}),
    ("adagrad_options", "Adagrad",
     {"lr": 0.1, "lr_decay": 0.1, "weight_decay": 0.05, "initial_accumulator_value": 0.5, "eps": 1e-6}),
]

# The learning rate set before each step, as a schedule would (None: keep the constructor's).
LR_CHANGES = {3: 0.5}   # step 3 runs with half the constructor's lr

SCHEDULES = [
    ("step_lr", 0.1, 12, "StepLR", {"step_size": 3, "gamma": 0.5}),
    ("cosine", 0.1, 25, "CosineAnnealingLR", {"T_max": 10, "eta_min": 0.001}),
    ("warm_restarts", 0.1, 25, "CosineAnnealingWarmRestarts", {"T_0": 3, "T_mult": 2, "eta_min": 0.01}),
    ("warm_restarts_constant_period", 0.05, 12, "CosineAnnealingWarmRestarts", {"T_0": 4}),
    ("linear_warmup", 0.1, 8, "LinearLR", {"start_factor": 0.1, "end_factor": 1.0, "total_iters": 5}),
    ("warmup_then_cosine", 0.1, 30, "Sequential",
     {"warmup_start_factor": 0.01, "warmup_steps": 5, "T_max": 20, "eta_min": 0.0001}),
]

CLIPS = [
    ("norm2_clipped", 1.0, 2.0),
    ("norm2_unclipped", 100.0, 2.0),
    ("norm1", 2.0, 1.0),
    ("norm3", 0.5, 3.0),
    ("norm_inf", 0.5, math.inf),
]


def flat(t):
  return [float(x) for x in t.detach().reshape(-1).tolist()]


def make_optimizer(kind, params, options):
  options = dict(options)
  if "betas" in options:
    options["betas"] = tuple(options["betas"])
  return getattr(torch.optim, kind)(params, **options)


def optimizer_case(index, name, kind, options):
  gen = torch.Generator().manual_seed(1000 + index)
  params = {n: torch.randn(shape, generator=gen, dtype=torch.float64).requires_grad_(True)
            for n, shape in SHAPES.items()}
  optimizer = make_optimizer(kind, list(params.values()), options)
  base_lr = optimizer.param_groups[0]["lr"]
  case = {"name": name, "optimizer": kind, "options": options,
          "params": {n: {"shape": SHAPES[n], "data": flat(p)} for n, p in params.items()},
          "steps": []}
  for step in range(STEPS):
    lr = base_lr * LR_CHANGES.get(step, 1.0)
    for group in optimizer.param_groups:
      group["lr"] = lr
    grads = {}
    for n, p in params.items():
      g = torch.randn(SHAPES[n], generator=gen, dtype=torch.float64)
      if n == "b" and step == SKIPPED_STEP:
        p.grad = None
        grads[n] = None
      else:
        p.grad = g
        grads[n] = flat(g)
    optimizer.step()
    case["steps"].append({"lr": lr, "grads": grads, "params": {n: flat(p) for n, p in params.items()}})
  state = {}
  for n, p in params.items():
    s = optimizer.state[p]
    entry = {}
    for key, value in s.items():
      if value is None:   # SGD without momentum keeps a None buffer
        continue
      if key == "step":
        entry["step"] = int(value)   # a tensor in Adam and Adagrad, an int in RMSprop
      else:
        entry[key] = flat(value)
    state[n] = entry
  case["state"] = state
  return case


def make_scheduler(kind, optimizer, options):
  if kind == "Sequential":
    warmup = torch.optim.lr_scheduler.LinearLR(
        optimizer, start_factor=options["warmup_start_factor"], end_factor=1.0,
        total_iters=options["warmup_steps"])
    cosine = torch.optim.lr_scheduler.CosineAnnealingLR(
        optimizer, T_max=options["T_max"], eta_min=options["eta_min"])
    return torch.optim.lr_scheduler.SequentialLR(
        optimizer, [warmup, cosine], milestones=[options["warmup_steps"]])
  return getattr(torch.optim.lr_scheduler, kind)(optimizer, **options)


def schedule_case(name, base_lr, steps, kind, options):
  optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base_lr)
  scheduler = make_scheduler(kind, optimizer, options)
  lrs = [optimizer.param_groups[0]["lr"]]
  for _ in range(steps):
    optimizer.step()
    scheduler.step()
    lrs.append(optimizer.param_groups[0]["lr"])
  return {"name": name, "schedule": kind, "options": options, "base_lr": base_lr, "lrs": lrs}


def clip_case(index, name, max_norm, norm_type):
  gen = torch.Generator().manual_seed(2000 + index)
  params = {n: torch.zeros(shape, dtype=torch.float64, requires_grad=True) for n, shape in SHAPES.items()}
  grads = {}
  for n, p in params.items():
    p.grad = torch.randn(SHAPES[n], generator=gen, dtype=torch.float64)
    grads[n] = {"shape": SHAPES[n], "data": flat(p.grad)}
  total = torch.nn.utils.clip_grad_norm_(list(params.values()), max_norm, norm_type)
  return {"name": name, "max_norm": max_norm,
          "norm_type": "inf" if math.isinf(norm_type) else norm_type,
          "grads": grads, "total_norm": float(total),
          "clipped": {n: flat(p.grad) for n, p in params.items()}}


def main():
  if len(sys.argv) != 2:
    sys.exit(__doc__)
  warnings.simplefilter("ignore")   # SequentialLR's step(0) warns about the epoch argument
  torch.set_num_threads(1)
  reference = {
      "format": FORMAT, "generator": GENERATOR, "torch_version": torch.__version__,
      "optimizers": [optimizer_case(i, *c) for i, c in enumerate(OPTIMIZERS)],
      "schedules": [schedule_case(*c) for c in SCHEDULES],
      "clip_grad_norm": [clip_case(i, *c) for i, c in enumerate(CLIPS)],
  }
  with open(sys.argv[1], "w") as out:
    json.dump(reference, out, indent=1)
    out.write("\n")


if __name__ == "__main__":
  main()
