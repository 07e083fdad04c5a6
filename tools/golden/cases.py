"""What a golden case is (one PyTorch module or cell configuration plus a seed) and the catalogue.

The catalogue holds the eight cases of the original reference set (same names and seeds, so
they regenerate bit for bit) followed by the extra cases that cover every option the format
pytorch-rnn-golden-v1 can describe.
"""

import dataclasses

MODULES = ("RNN", "LSTM", "GRU")
CELLS = ("RNNCell", "LSTMCell", "GRUCell")


@dataclasses.dataclass(frozen=True)
class Case:
  """One configuration. `module` is a torch.nn class name from MODULES or CELLS.

  nonlinearity applies to RNN / RNNCell only; num_layers, bidirectional, batch_first,
  proj_size (LSTM only) and seq_len apply to modules only.
  """
  name: str
  module: str
  seed: int
  nonlinearity: str = "tanh"
  bias: bool = True
  num_layers: int = 1
  bidirectional: bool = False
  batch_first: bool = False
  proj_size: int = 0
  seq_len: int = 5
  batch: int = 3
  input_size: int = 4
  hidden_size: int = 6

  def __post_init__(self):
    if self.module not in MODULES + CELLS:
      raise ValueError("case %s: module %r is not one of %s" % (self.name, self.module, MODULES + CELLS))
    if self.nonlinearity not in ("tanh", "relu"):
      raise ValueError("case %s: nonlinearity %r is not tanh or relu" % (self.name, self.nonlinearity))
    if self.proj_size and self.module != "LSTM":
      raise ValueError("case %s: proj_size %d needs module LSTM, not %s" % (self.name, self.proj_size, self.module))
    if not 0 <= self.proj_size < self.hidden_size:
      raise ValueError("case %s: proj_size %d must be in [0, hidden_size %d)" % (self.name, self.proj_size, self.hidden_size))
    if self.is_cell and (self.num_layers != 1 or self.bidirectional or self.batch_first):
      raise ValueError("case %s: a cell has one layer, one direction and no batch_first" % self.name)
    for field in ("num_layers", "seq_len", "batch", "input_size", "hidden_size"):
      if getattr(self, field) < 1:
        raise ValueError("case %s: %s must be >= 1, got %d" % (self.name, field, getattr(self, field)))

  @property
  def is_cell(self):
    return self.module in CELLS

  @property
  def family(self):
    """RNN, LSTM or GRU, for modules and cells alike."""
    return self.module[:-4] if self.is_cell else self.module

  @property
  def directions(self):
    return 2 if self.bidirectional else 1

  @property
  def hidden_out(self):
    """Width of h: proj_size if > 0 else hidden_size."""
    return self.proj_size or self.hidden_size

  @property
  def description(self):
    text = "nn." + self.module
    if self.family == "RNN":
      text += " " + self.nonlinearity
    if self.is_cell:
      text += ", one step"
    else:
      text += ", 1 layer" if self.num_layers == 1 else ", %d stacked layers" % self.num_layers
      if self.bidirectional:
        text += ", bidirectional"
      if self.proj_size:
        text += ", proj_size %d" % self.proj_size
      if self.batch_first:
        text += ", batch_first"
    if not self.bias:
      text += ", no bias"
    return text


# The original eight: names and seeds fixed by the shared reference set.
ORIGINAL = (
    Case("rnn_tanh", "RNN", 101),
    Case("lstm", "LSTM", 103),
    Case("gru", "GRU", 104),
    Case("lstm_2layer", "LSTM", 105, num_layers=2),
    Case("gru_bidirectional", "GRU", 106, bidirectional=True),
    Case("lstm_cell", "LSTMCell", 201),
    Case("gru_cell", "GRUCell", 202),
    Case("rnn_cell_tanh", "RNNCell", 203),
)

# Extra cases: one option at a time, then the combinations that stress state routing.
EXTRA = (
    Case("rnn_relu", "RNN", 301, nonlinearity="relu"),
    Case("rnn_tanh_nobias", "RNN", 302, bias=False),
    Case("lstm_proj", "LSTM", 303, proj_size=3),
    Case("lstm_nobias", "LSTM", 304, bias=False),
    Case("gru_nobias", "GRU", 305, bias=False),
    Case("rnn_tanh_batch_first", "RNN", 306, batch_first=True),
    Case("gru_2layer_bidirectional", "GRU", 307, num_layers=2, bidirectional=True),
    Case("lstm_2layer_bidirectional_proj", "LSTM", 308, num_layers=2, bidirectional=True, proj_size=3),
    Case("lstm_batch_first_bidirectional", "LSTM", 309, bidirectional=True, batch_first=True),
    Case("rnn_relu_2layer_bidirectional_nobias", "RNN", 310, nonlinearity="relu", num_layers=2,
         bidirectional=True, bias=False),
    Case("rnn_relu_cell", "RNNCell", 401, nonlinearity="relu"),
    Case("lstm_cell_nobias", "LSTMCell", 402, bias=False),
    Case("gru_cell_nobias", "GRUCell", 403, bias=False),
    Case("rnn_cell_tanh_nobias", "RNNCell", 404, bias=False),
)

CATALOGUE = {case.name: case for case in ORIGINAL + EXTRA}
