package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;
import java.util.List;

/**
 * An Elman {@link RnnCell} (tanh or relu) over a whole sequence as one op; see
 * {@link FusedSequence}. The pre-activations {@code [time, batch, H]} are overwritten by their
 * gradients in backward, which needs only the outputs.
 */
final class FusedRnn<T> extends FusedSequence<T> {
  private final Nonlinearity act;
  private Steps pre;
  private Steps y;

  FusedRnn(FusedKernels<T> k, FusedSteps st, RnnCell cell, Var x, Var h0) {
    super("rnn_sequence", k, st, cell, 1, x, List.of(h0));
    this.act = cell.nonlinearity();
  }

  @Override
  List<Tensor> forward() {
    int h = hidden;
    pre = saved(h, chunkSteps());
    y = new Steps(h, st.time);
    T bias = this.bias ? k.sum(k.data(inputs[3].value()), k.data(inputs[4].value()), width) : null;
    T h0 = initial(0);
    for (int s = 0; s < st.steps; s++) {
      int t = st.timeOf(s);
      project(s, bias, pre);
      recurrentProduct(before(s, h0, y), beforeOffset(s, y), pre.data, pre.at(t, 0), true);
      rows(s, b -> k.rnnForward(act, pre.data, pre.at(t, b), y.data, y.at(t, b), h), null);
    }
    return List.of(k.wrap(y.data, st.time, batch, h), k.wrap(finalRows(y, h0), batch, h));
  }

  @Override
  Tensor[] backward(Tensor[] g, boolean[] needs) {
    int h = hidden;
    T dy = k.data(g[0]);
    T dh = copyOf(g[1]);
    for (int s = st.steps - 1; s >= 0; s--) {
      int t = st.timeOf(s);
      rows(s, b -> {
        k.addInto(dy, y.at(t, b), dh, b * h, h);
        k.rnnBackward(act, y.data, y.at(t, b), dh, b * h, pre.data, pre.at(t, b), h);
        if (st.masked()) {
          k.zero(dh, b * h, h); // the product below adds this row's share; stopped rows keep theirs
        }
      }, b -> k.zero(pre.data, pre.at(t, b), h));
      recurrentGrad(pre.data, pre.at(t, 0), dh, st.masked());
    }
    Tensor[] grads = parameterGrads(needs, pre.data, pre.data, y.data, initial(0));
    int s0 = stateInput();
    grads[s0] = needs[s0] ? k.wrap(dh, batch, h) : null;
    return grads;
  }
}
