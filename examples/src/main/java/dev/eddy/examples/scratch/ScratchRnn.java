package dev.eddy.examples.scratch;

import java.util.random.RandomGenerator;

/**
 * A vanilla RNN language model written from scratch on plain arrays: forward pass and
 * backpropagation through time by hand, no tensors, no autograd. Short enough for a whiteboard.
 *
 * <pre>
 *   h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h)      x_t one-hot [V], h_t [H]
 *   y_t = W_hy h_t + b_y                            logits [V]
 *   L   = sum_t -log softmax(y_t)[target_t]
 * </pre>
 */
public final class ScratchRnn {
  public final int vocab;
  public final int hidden;
  public final double[][] wxh; // [H][V]
  public final double[][] whh; // [H][H]
  public final double[] bh; // [H]
  public final double[][] why; // [V][H]
  public final double[] by; // [V]

  public ScratchRnn(int vocab, int hidden, RandomGenerator rng) {
    this.vocab = vocab;
    this.hidden = hidden;
    double scale = 1 / Math.sqrt(hidden);
    wxh = Arrays2.uniform(rng, hidden, vocab, scale);
    whh = Arrays2.uniform(rng, hidden, hidden, scale);
    bh = new double[hidden];
    why = Arrays2.uniform(rng, vocab, hidden, scale);
    by = new double[vocab];
  }

  /** Gradients of the loss, one array per weight, same shapes; and the loss itself. */
  public static final class Grads {
    public double loss;
    public final double[][] wxh, whh, why;
    public final double[] bh, by, h0;

    Grads(ScratchRnn m) {
      wxh = new double[m.hidden][m.vocab];
      whh = new double[m.hidden][m.hidden];
      why = new double[m.vocab][m.hidden];
      bh = new double[m.hidden];
      by = new double[m.vocab];
      h0 = new double[m.hidden];
    }
  }

  /** Runs the sequence from state {@code h0} and returns the loss and all gradients. */
  public Grads lossAndGrads(int[] inputs, int[] targets, double[] h0) {
    int steps = inputs.length;
    double[][] h = new double[steps + 1][]; // h[t + 1] is the state after step t; h[0] = h0
    double[][] p = new double[steps][]; // softmax probabilities
    h[0] = h0.clone();
    Grads g = new Grads(this);
    for (int t = 0; t < steps; t++) { // forward
      double[] a = Arrays2.add(Arrays2.column(wxh, inputs[t]), Arrays2.matVec(whh, h[t]), bh);
      h[t + 1] = Arrays2.tanh(a);
      p[t] = Arrays2.softmax(Arrays2.add(Arrays2.matVec(why, h[t + 1]), by));
      g.loss -= Math.log(p[t][targets[t]]);
    }
    double[] dhNext = new double[hidden]; // dL/dh_t arriving from step t + 1
    for (int t = steps - 1; t >= 0; t--) { // backward through time
      double[] dy = p[t].clone();
      dy[targets[t]] -= 1; // d(-log softmax)/dy = p - onehot
      Arrays2.addOuter(g.why, dy, h[t + 1]);
      Arrays2.addTo(g.by, dy);
      double[] dh = Arrays2.add(Arrays2.matTVec(why, dy), dhNext);
      double[] da = new double[hidden];
      for (int j = 0; j < hidden; j++) {
        da[j] = (1 - h[t + 1][j] * h[t + 1][j]) * dh[j]; // tanh' = 1 - tanh^2
      }
      Arrays2.addTo(g.bh, da);
      for (int j = 0; j < hidden; j++) {
        g.wxh[j][inputs[t]] += da[j]; // x_t is one-hot: only one column gets a gradient
      }
      Arrays2.addOuter(g.whh, da, h[t]);
      dhNext = Arrays2.matTVec(whh, da); // the Jacobian product that vanishes or explodes
    }
    System.arraycopy(dhNext, 0, g.h0, 0, hidden);
    return g;
  }

  /** One plain gradient-descent step. */
  public void sgd(Grads g, double lr) {
    Arrays2.step(wxh, g.wxh, lr);
    Arrays2.step(whh, g.whh, lr);
    Arrays2.step(why, g.why, lr);
    Arrays2.step(bh, g.bh, lr);
    Arrays2.step(by, g.by, lr);
  }
}
