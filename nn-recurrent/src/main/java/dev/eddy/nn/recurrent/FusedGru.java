package dev.eddy.nn.recurrent;

import dev.eddy.autograd.Var;
import dev.eddy.tensor.Tensor;
import java.util.List;

/**
 * A {@link GruCell} over a whole sequence as one op; see {@link FusedSequence}. The input side
 * {@code [time, batch, 3H]} ({@code x W_ihᵀ + b_ih}) keeps r, z and n after each step (and their
 * gradients after backward); {@code hn = h W_hnᵀ + b_hn} of every step is saved for the reset
 * product's gradient. The recurrent side of a step goes to a {@code [batch, 3H]} buffer, since
 * {@code b_hn} sits inside the reset product.
 */
final class FusedGru<T> extends FusedSequence<T> {
  private Steps gi;
  private Steps ghn;
  private Steps y;

  FusedGru(FusedKernels<T> k, FusedSteps st, GruCell cell, Var x, Var h0) {
    super("gru_sequence", k, st, cell, 3, x, List.of(h0));
  }

  @Override
  List<Tensor> forward() {
    int h = hidden;
    gi = saved(width, chunkSteps());
    ghn = saved(h, 1);
    y = new Steps(h, st.time);
    T bih = bias ? k.data(inputs[3].value()) : null;
    T bhh = bias ? k.data(inputs[4].value()) : null;
    T gh = k.alloc(batch * width);
    T h0 = initial(0);
    for (int s = 0; s < st.steps; s++) {
      int t = st.timeOf(s);
      T hp = before(s, h0, y);
      int po = beforeOffset(s, y);
      project(s, bih, gi);
      if (bias) {
        fillRows(gh, 0, batch, bhh);
      }
      recurrentProduct(hp, po, gh, 0, bias);
      rows(s, b -> k.gruForward(gi.data, gi.at(t, b), gh, b * width, hp, po + b * h, ghn.data, ghn.at(t, b), y.data,
          y.at(t, b), h), null);
    }
    return List.of(k.wrap(y.data, st.time, batch, h), k.wrap(finalRows(y, h0), batch, h));
  }

  @Override
  Tensor[] backward(Tensor[] g, boolean[] needs) {
    int h = hidden;
    T dy = k.data(g[0]);
    T dh = copyOf(g[1]);
    Steps dgh = new Steps(width, st.time);
    T h0 = initial(0);
    for (int s = st.steps - 1; s >= 0; s--) {
      int t = st.timeOf(s);
      T hp = before(s, h0, y);
      int po = beforeOffset(s, y);
      rows(s, b -> {
        k.addInto(dy, y.at(t, b), dh, b * h, h);
        k.gruBackward(gi.data, gi.at(t, b), ghn.data, ghn.at(t, b), hp, po + b * h, dh, b * h, dgh.data, dgh.at(t, b),
            h);
      }, b -> k.zero(gi.data, gi.at(t, b), width)); // dgh stays zero there
      recurrentGrad(dgh.data, dgh.at(t, 0), dh, true);
    }
    Tensor[] grads = parameterGrads(needs, gi.data, dgh.data, y.data, h0);
    int s0 = stateInput();
    grads[s0] = needs[s0] ? k.wrap(dh, batch, h) : null;
    return grads;
  }
}
