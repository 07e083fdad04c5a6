package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;
import java.util.List;

/**
 * An {@link LstmCell} (without projection) over a whole sequence as one op; see {@link FusedSequence}.
 * Saves the activated gates {@code [time, batch, 4H]} (overwritten by their gradients in backward)
 * and every step's cell state {@code c}; the outputs are the h of every step.
 */
final class FusedLstm<T> extends FusedSequence<T> {
  private Steps gates;
  private Steps cells;
  private Steps y;

  FusedLstm(FusedKernels<T> k, FusedSteps st, LstmCell cell, Var x, Var h0, Var c0) {
    super("lstm_sequence", k, st, cell, 4, x, List.of(h0, c0));
  }

  @Override
  List<Tensor> forward() {
    int h = hidden;
    gates = saved(width, chunkSteps());
    cells = saved(h, 2);
    y = new Steps(h, st.time);
    T bias = this.bias ? k.sum(k.data(inputs[3].value()), k.data(inputs[4].value()), width) : null;
    T h0 = initial(0);
    T c0 = initial(1);
    for (int s = 0; s < st.steps; s++) {
      int t = st.timeOf(s);
      T cp = before(s, c0, cells);
      int po = beforeOffset(s, y);
      int co = beforeOffset(s, cells);
      project(s, bias, gates);
      recurrentProduct(before(s, h0, y), po, gates.data, gates.at(t, 0), true);
      rows(s, b -> k.lstmForward(gates.data, gates.at(t, b), cp, co + b * h, cells.data, cells.at(t, b), y.data,
          y.at(t, b), h), null);
    }
    return List.of(k.wrap(y.data, st.time, batch, h), k.wrap(finalRows(y, h0), batch, h),
        k.wrap(finalRows(cells, c0), batch, h));
  }

  @Override
  Tensor[] backward(Tensor[] g, boolean[] needs) {
    int h = hidden;
    T dy = k.data(g[0]);
    T dh = copyOf(g[1]);
    T dc = copyOf(g[2]);
    T tanhC = k.alloc(batch * h);
    T c0 = initial(1);
    for (int s = st.steps - 1; s >= 0; s--) {
      int t = st.timeOf(s);
      T cp = before(s, c0, cells);
      int co = beforeOffset(s, cells);
      rows(s, b -> {
        k.addInto(dy, y.at(t, b), dh, b * h, h);
        k.lstmBackward(gates.data, gates.at(t, b), cp, co + b * h, cells.data, cells.at(t, b), dh, b * h, dc, b * h,
            tanhC, b * h, h);
        if (st.masked()) {
          k.zero(dh, b * h, h); // the product below adds this row's share; stopped rows keep theirs
        }
      }, b -> k.zero(gates.data, gates.at(t, b), width));
      recurrentGrad(gates.data, gates.at(t, 0), dh, st.masked());
    }
    Tensor[] grads = parameterGrads(needs, gates.data, gates.data, y.data, initial(0));
    int s0 = stateInput();
    grads[s0] = needs[s0] ? k.wrap(dh, batch, h) : null;
    grads[s0 + 1] = needs[s0 + 1] ? k.wrap(dc, batch, h) : null;
    return grads;
  }
}
