"""The PyTorch side of a golden case: build, draw, forward, weighted loss, backward.

Draw order (it fixes every number, see the format's generation procedure): module
parameters at construction, then x, h0 (x0.5), c0 (x0.5, LSTM only), then after the forward
one loss weight per output in output order.
"""

import dataclasses

import torch


@dataclasses.dataclass
class TorchRun:
  """Everything PyTorch produced for one case; dicts keep the order they are written in."""
  parameters: dict
  inputs: dict
  outputs: dict
  loss_weights: dict
  loss_value: float
  parameter_grads: dict
  input_grads: dict


def build_module(case):
  """The torch.nn module or cell of `case`, with PyTorch's default initialisation."""
  cls = getattr(torch.nn, case.module)
  kwargs = {"bias": case.bias}
  if case.family == "RNN":
    kwargs["nonlinearity"] = case.nonlinearity
  if not case.is_cell:
    kwargs.update(num_layers=case.num_layers, batch_first=case.batch_first,
                  bidirectional=case.bidirectional)
    if case.module == "LSTM":
      kwargs["proj_size"] = case.proj_size
  return cls(case.input_size, case.hidden_size, **kwargs)


def input_shapes(case):
  """Shapes of x, h0 and (LSTM) c0, in draw order."""
  if case.is_cell:
    shapes = {"x": (case.batch, case.input_size), "h0": (case.batch, case.hidden_size)}
    state = (case.batch, case.hidden_size)
  else:
    steps = (case.batch, case.seq_len) if case.batch_first else (case.seq_len, case.batch)
    layers = case.num_layers * case.directions
    shapes = {"x": steps + (case.input_size,), "h0": (layers, case.batch, case.hidden_out)}
    state = (layers, case.batch, case.hidden_size)
  if case.family == "LSTM":
    shapes["c0"] = state
  return shapes


def run(case):
  """Runs the generation procedure for `case` in float64 and returns what it produced."""
  torch.set_default_dtype(torch.float64)
  torch.manual_seed(case.seed)
  module = build_module(case)
  inputs = {}
  for name, shape in input_shapes(case).items():
    value = torch.randn(shape) if name == "x" else 0.5 * torch.randn(shape)
    inputs[name] = value.requires_grad_()

  state = inputs["h0"] if case.family != "LSTM" else (inputs["h0"], inputs["c0"])
  result = module(inputs["x"], state)
  if case.is_cell:
    names = ("h_1", "c_1") if case.family == "LSTM" else ("h_1",)
    values = result if case.family == "LSTM" else (result,)
  else:
    names = ("output", "h_n", "c_n") if case.family == "LSTM" else ("output", "h_n")
    values = (result[0],) + (tuple(result[1]) if case.family == "LSTM" else (result[1],))
  outputs = dict(zip(names, values))
  loss_weights = {"w_" + name: torch.randn(value.shape) for name, value in outputs.items()}

  loss = 0
  for name, value in outputs.items():
    loss = loss + (value * loss_weights["w_" + name]).sum()
  loss.backward()

  parameters = dict(module.named_parameters())
  return TorchRun(
      parameters={name: p.detach() for name, p in parameters.items()},
      inputs={name: t.detach() for name, t in inputs.items()},
      outputs={name: t.detach() for name, t in outputs.items()},
      loss_weights=loss_weights,
      loss_value=loss.item(),
      parameter_grads={name: p.grad for name, p in parameters.items()},
      input_grads={name: t.grad for name, t in inputs.items()})
