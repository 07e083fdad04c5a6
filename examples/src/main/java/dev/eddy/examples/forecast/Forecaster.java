package dev.eddy.examples.forecast;

import dev.eddy.autograd.Var;
import dev.eddy.nn.Linear;
import dev.eddy.nn.Module;
import dev.eddy.nn.recurrent.GRU;
import dev.eddy.nn.recurrent.LSTM;
import dev.eddy.nn.recurrent.RecurrentStack;

/**
 * A direct multi-step forecaster: a recurrent layer reads the input window, and one linear head maps
 * its last hidden state to all {@code horizon} future steps at once (rather than feeding one-step
 * predictions back in, which compounds their errors and trains slower).
 *
 * <p>Parameters: {@code rnn.*} (PyTorch names of {@code nn.LSTM} / {@code nn.GRU}) and
 * {@code head.weight [horizon, hidden]}, {@code head.bias [horizon]}.
 */
public final class Forecaster extends Module {
  /** The recurrent cells a forecaster can use. */
  public enum Cell { LSTM, GRU }

  private final RecurrentStack rnn;
  private final Linear head;

  /**
   * @param cell the recurrent cell
   * @param hidden hidden units per layer
   * @param layers stacked recurrent layers
   * @param horizon future steps predicted at once
   * @param seed seeds the initial weights
   */
  public Forecaster(Cell cell, int hidden, int layers, int horizon, long seed) {
    this.rnn = registerModule("rnn", switch (cell) {
      case LSTM -> LSTM.builder(1, hidden).numLayers(layers).batchFirst(true).forgetBias(1).seed(seed).build();
      case GRU -> GRU.builder(1, hidden).numLayers(layers).batchFirst(true).seed(seed).build();
    });
    this.head = registerModule("head", new Linear(hidden, horizon, seed + 1));
  }

  /** Windows {@code [batch, window, 1]} to forecasts {@code [batch, horizon]}. */
  public Var forward(Var windows) {
    Var lastHidden = rnn.forward(windows).hN().select(0, rnn.numLayers() - 1); // [batch, hidden]
    return head.forward(lastHidden);
  }
}
