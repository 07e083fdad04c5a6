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
  private T gi;
  private T ghn;
  private T y;

  FusedGru(FusedKernels<T> k, FusedSteps st, GruCell cell, Var x, Var h0) {
    super("gru_sequence", k, st, cell, 3, x, List.of(h0));
  }

  @Override
  List<Tensor> forward() {
    int h = hidden;
    gi = k.alloc(st.time * batch * width);
    ghn = k.alloc(st.time * batch * h);
    y = k.alloc(st.time * batch * h);
    project(bias ? k.data(inputs[3].value()) : null, gi);
    T bhh = bias ? k.data(inputs[4].value()) : null;
    T gh = k.alloc(batch * width);
    T h0 = initial(0);
    for (int s = 0; s < st.steps; s++) {
      int t = st.timeOf(s);
      T hp = before(s, h0, y);
      int po = beforeOffset(s, h);
      if (bias) {
        fillRows(gh, 0, batch, bhh);
      }
      k.gemm(false, true, batch, width, h, hp, po, h, whh, 0, h, gh, 0, width, bias);
      rows(s, b -> k.gruForward(gi, at(t, b, width), gh, b * width, hp, po + b * h, ghn, at(t, b, h), y, at(t, b, h),
          h), null);
    }
    return List.of(k.wrap(y, st.time, batch, h), k.wrap(finalRows(y, h0, h), batch, h));
  }

  @Override
  Tensor[] backward(Tensor[] g, boolean[] needs) {
    int h = hidden;
    T dy = k.data(g[0]);
    T dh = copyOf(g[1]);
    T dgh = k.alloc(st.time * batch * width);
    T h0 = initial(0);
    for (int s = st.steps - 1; s >= 0; s--) {
      int t = st.timeOf(s);
      T hp = before(s, h0, y);
      int po = beforeOffset(s, h);
      rows(s, b -> {
        k.addInto(dy, at(t, b, h), dh, b * h, h);
        k.gruBackward(gi, at(t, b, width), ghn, at(t, b, h), hp, po + b * h, dh, b * h, dgh, at(t, b, width), h);
      }, b -> k.zero(gi, at(t, b, width), width)); // dgh stays zero there
      k.gemm(false, false, batch, h, width, dgh, at(t, 0, width), width, whh, 0, h, dh, 0, h, true);
    }
    Tensor[] grads = parameterGrads(needs, gi, dgh, y, h0);
    int s0 = stateInput();
    grads[s0] = needs[s0] ? k.wrap(dh, batch, h) : null;
    return grads;
  }
}
