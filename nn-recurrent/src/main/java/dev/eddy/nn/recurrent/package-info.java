/**
 * Recurrent cells (RNN, LSTM, GRU), the sequence driver, Bidirectional, stacks, and the layers with
 * PyTorch's options and parameter names.
 *
 * <p>Library code ({@link dev.eddy.autograd.LibraryCode}): anomaly mode reports the line that called
 * into this package, not lines inside it.
 */
@LibraryCode
package dev.eddy.nn.recurrent;

import dev.eddy.autograd.LibraryCode;
