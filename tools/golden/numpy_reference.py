"""Independent NumPy implementation of PyTorch's RNN / LSTM / GRU and their cells.

It shares no code with PyTorch: it recomputes the forward pass from the parameters and
inputs of a golden case, exposes the per-step intermediates written into the JSON, and
checks PyTorch's gradients with central finite differences of its own loss.

All arrays are float64 and time-major (`[seq_len, batch, features]`); the caller transposes
batch-first data before and after.
"""

import numpy as np


def sigmoid(v):
  return 1.0 / (1.0 + np.exp(-v))


def _affine(inp, weight, bias):
  out = inp @ weight.T
  return out if bias is None else out + bias


def _input_plus_recurrent(x, w_ih, b_ih, h, w_hh, b_hh):
  """x W_ih^T + b_ih + h W_hh^T + b_hh, added left to right (the order fixes the last bits)."""
  total = _affine(x, w_ih, b_ih) + h @ w_hh.T
  return total if b_hh is None else total + b_hh


def rnn_step(nonlinearity, x, h, w_ih, w_hh, b_ih, b_hh):
  """One tanh/relu RNN step. Returns (h', {"preact", "h"})."""
  preact = _input_plus_recurrent(x, w_ih, b_ih, h, w_hh, b_hh)
  h_new = np.tanh(preact) if nonlinearity == "tanh" else np.maximum(preact, 0.0)
  return h_new, {"preact": preact, "h": h_new}


def lstm_step(x, h, c, w_ih, w_hh, b_ih, b_hh, w_hr):
  """One LSTM step, gate order i,f,g,o; w_hr (or None) projects h. Returns (h', c', parts)."""
  hidden = c.shape[-1]
  gates = _input_plus_recurrent(x, w_ih, b_ih, h, w_hh, b_hh)
  i = sigmoid(gates[:, 0:hidden])
  f = sigmoid(gates[:, hidden:2 * hidden])
  g = np.tanh(gates[:, 2 * hidden:3 * hidden])
  o = sigmoid(gates[:, 3 * hidden:4 * hidden])
  c_new = f * c + i * g
  h_new = o * np.tanh(c_new)
  if w_hr is not None:
    h_new = h_new @ w_hr.T
  parts = {"gates_preact_ifgo": gates, "i": i, "f": f, "g": g, "o": o, "c": c_new, "h": h_new}
  return h_new, c_new, parts


def gru_step(x, h, w_ih, w_hh, b_ih, b_hh):
  """One GRU step, gate order r,z,n with b_hn inside the reset product. Returns (h', parts)."""
  hidden = h.shape[-1]
  gi = _affine(x, w_ih, b_ih)
  gh = _affine(h, w_hh, b_hh)
  r = sigmoid(gi[:, 0:hidden] + gh[:, 0:hidden])
  z = sigmoid(gi[:, hidden:2 * hidden] + gh[:, hidden:2 * hidden])
  n = np.tanh(gi[:, 2 * hidden:3 * hidden] + r * gh[:, 2 * hidden:3 * hidden])
  h_new = (1.0 - z) * n + z * h
  return h_new, {"gi_rzn": gi, "gh_rzn": gh, "r": r, "z": z, "n": n, "h": h_new}


def _step(spec, x, state, w):
  """Advances one cell of `spec` by one step; state is (h,) or (h, c)."""
  if spec.family == "LSTM":
    h, c, parts = lstm_step(x, state[0], state[1], w["ih"], w["hh"], w["b_ih"], w["b_hh"], w["hr"])
    return (h, c), parts
  if spec.family == "GRU":
    h, parts = gru_step(x, state[0], w["ih"], w["hh"], w["b_ih"], w["b_hh"])
  else:
    h, parts = rnn_step(spec.nonlinearity, x, state[0], w["ih"], w["hh"], w["b_ih"], w["b_hh"])
  return (h,), parts


def _weights(params, suffix):
  return {"ih": params["weight_ih" + suffix], "hh": params["weight_hh" + suffix],
          "b_ih": params.get("bias_ih" + suffix), "b_hh": params.get("bias_hh" + suffix),
          "hr": params.get("weight_hr" + suffix)}


def cell_forward(spec, params, inputs):
  """One step of a cell. Returns ({"h_1"[, "c_1"]}, intermediates)."""
  state = (inputs["h0"], inputs["c0"]) if spec.family == "LSTM" else (inputs["h0"],)
  state, parts = _step(spec, inputs["x"], state, _weights(params, ""))
  outputs = {"h_1": state[0]}
  if spec.family == "LSTM":
    outputs["c_1"] = state[1]
  return outputs, parts


def module_forward(spec, params, inputs):
  """All layers and directions of a module over a time-major x.

  Returns ({"output", "h_n"[, "c_n"]}, per-step intermediates of layer 0, forward direction,
  stacked along a leading [seq_len] dimension).
  """
  x = inputs["x"]
  seq_len = x.shape[0]
  directions = 2 if spec.bidirectional else 1
  layer_input, h_n, c_n, first_steps = x, [], [], None
  for layer in range(spec.num_layers):
    direction_outputs = []
    for direction in range(directions):
      suffix = "_l%d%s" % (layer, "_reverse" if direction else "")
      index = layer * directions + direction
      if spec.family == "LSTM":
        state = (inputs["h0"][index], inputs["c0"][index])
      else:
        state = (inputs["h0"][index],)
      weights = _weights(params, suffix)
      times = range(seq_len - 1, -1, -1) if direction else range(seq_len)
      step_outputs, steps = [None] * seq_len, []
      for t in times:
        state, parts = _step(spec, layer_input[t], state, weights)
        step_outputs[t] = state[0]
        steps.append(parts)
      if first_steps is None:
        first_steps = steps
      h_n.append(state[0])
      if spec.family == "LSTM":
        c_n.append(state[1])
      direction_outputs.append(np.stack(step_outputs))
    layer_input = np.concatenate(direction_outputs, axis=-1)
  outputs = {"output": layer_input, "h_n": np.stack(h_n)}
  if spec.family == "LSTM":
    outputs["c_n"] = np.stack(c_n)
  intermediates = {name: np.stack([s[name] for s in first_steps]) for name in first_steps[0]}
  return outputs, intermediates


def forward(spec, params, inputs):
  """Forward of a module (time-major inputs) or a cell. Returns (outputs, intermediates)."""
  if spec.is_cell:
    return cell_forward(spec, params, inputs)
  return module_forward(spec, params, inputs)


def weighted_loss(outputs, loss_weights):
  """sum(output * w_output) + sum(h_n * w_h_n) + ... in output order."""
  total = 0.0
  for name, value in outputs.items():
    total = total + np.sum(value * loss_weights["w_" + name])
  return total


def finite_difference_errors(spec, params, inputs, loss_weights, grads, eps):
  """Central differences of the NumPy loss against `grads`, over every element of every array.

  params / inputs are modified in place while probing and restored. grads maps the same names
  to the analytic gradients. Returns (max |fd - g|, max |fd - g| / max(1, |g|)).
  """
  def loss():
    return weighted_loss(forward(spec, params, inputs)[0], loss_weights)

  max_abs, max_rel = 0.0, 0.0
  for arrays in (params, inputs):
    for name, array in arrays.items():
      grad = grads[name]
      for index in np.ndindex(array.shape):
        original = array[index]
        array[index] = original + eps
        loss_plus = loss()
        array[index] = original - eps
        loss_minus = loss()
        array[index] = original
        err = abs((loss_plus - loss_minus) / (2 * eps) - grad[index])
        max_abs = max(max_abs, err)
        max_rel = max(max_rel, err / max(1.0, abs(grad[index])))
  return max_abs, max_rel
